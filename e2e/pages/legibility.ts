// Measures how the canvas reads in the rendered DOM: overlapping edge labels, labels over node
// text, edges drawn through nodes, the smallest workload-name size on screen, covered canvas
// buttons and nodes cut off by the canvas edge. Every selector the measurement depends on lives
// in LEGIBILITY_SELECTORS, so a change of the canvas's markup is fixed in one place.
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { CanvasPage } from './canvas.ts';
import { EditorPage } from './editor.ts';

export const LEGIBILITY_SELECTORS = {
  /** The canvas region: buttons are looked for inside it. */
  canvas: '[data-testid="canvas"]',
  /** The element whose rectangle is the visible canvas viewport. */
  flowPane: '.react-flow',
  /** Carries the pan/zoom transform (`matrix(k, 0, 0, k, x, y)`). */
  viewport: '.react-flow__viewport',
  /** Every node, namespaces included (for nodes cut off after a fit). */
  node: '.react-flow__node',
  /**
   * Nodes an edge must not cross: workloads, external networks and collapsed namespaces (an open
   * namespace is a container).
   */
  obstacle:
    '.react-flow__node-workload, .react-flow__node-external, .react-flow__node-namespace.collapsed',
  workload: '.react-flow__node-workload',
  /** A workload's name (or a collapsed namespace's, standing for its workloads): readable. */
  workloadName: '.wl-name, .ns-node.collapsed .ns-name',
  /** The button that opens a collapsed namespace. */
  expandNamespace: 'button[aria-label^="Expand namespace"]',
  /** Text inside nodes that an edge label must not cover. */
  nodeText:
    '.wl-name, .wl-kind, .wl-line, .iso-badge, .ext-label, .ext-detail, .ns-kind, .ns-name, .ns-inferred, .ns-summary',
  /** Drawn edge paths (not React Flow's wide invisible interaction paths). */
  edgePath: '.react-flow__edge .react-flow__edge-path',
  /** Edge labels, portalled by EdgeLabelRenderer into one layer. */
  edgeLabel: '.react-flow__edgelabel-renderer > *',
  /** Set by the canvas while a selected workload's flows are being computed. */
  busy: '[data-testid="canvas"][aria-busy="true"]',
  layoutDone: '[data-testid="canvas"][data-layout="done"]',
} as const;

export type LegibilitySelectors = typeof LEGIBILITY_SELECTORS;

/** A pair or an element named in a finding, so a failure says where to look. */
export type Finding = string;

export interface ViewMetrics {
  /** Viewport zoom (the transform's scale). */
  readonly zoom: number;
  readonly nodesInDom: number;
  readonly workloadsOnScreen: number;
  readonly edgesDrawn: number;
  readonly labelsShown: number;
  readonly namesMeasured: number;
  readonly nodeTexts: number;
  readonly buttons: number;
  /** (a) pairs of edge labels whose boxes overlap by more than 1 px each way. */
  readonly labelOverlaps: number;
  /** (b) (edge label, node text) pairs whose boxes overlap. */
  readonly labelsOverNodeText: number;
  /** (c) (edge, node) pairs where the edge passes through a node that is not its end. */
  readonly edgesThroughNodes: number;
  /** (d) smallest workload name on screen, in screen px; null when none is on screen. */
  readonly minNamePx: number | null;
  /** Workload names on screen smaller than 10 px. */
  readonly namesUnder10px: number;
  /** (e) visible canvas buttons whose centre is under something else. */
  readonly coveredButtons: number;
  /** (e) by kind of button: edge-label, ns-toggle, controls, legend, other. */
  readonly coveredByKind: Readonly<Record<string, number>>;
  /** (f) nodes not fully inside the canvas viewport (null where not measured). */
  readonly offscreenNodes: number | null;
  /** Informational: edge labels over a workload or external node's box (not only its text). */
  readonly labelsOverNodes: number;
  /** A few examples per metric, named by their text, to find them on the screenshot. */
  readonly examples: Readonly<Record<string, readonly Finding[]>>;
}

interface MeasureArgs {
  readonly sel: LegibilitySelectors;
  readonly offscreen: boolean;
  readonly maxExamples: number;
}

/**
 * Runs in the page. Self-contained (Playwright serialises it): helpers are declared inside.
 * All boxes are screen (client) rectangles, clipped to the canvas viewport where it matters.
 */
function measureInPage({ sel, offscreen, maxExamples }: MeasureArgs): ViewMetrics {
  interface Box {
    l: number;
    t: number;
    r: number;
    b: number;
  }
  const box = (r: DOMRect): Box => ({ l: r.left, t: r.top, r: r.right, b: r.bottom });
  const inter = (a: Box, b: Box): Box => ({
    l: Math.max(a.l, b.l),
    t: Math.max(a.t, b.t),
    r: Math.min(a.r, b.r),
    b: Math.min(a.b, b.b),
  });
  /** Overlap of more than `px` both ways. */
  const overlaps = (a: Box, b: Box, px: number) => {
    const i = inter(a, b);
    return i.r - i.l > px && i.b - i.t > px;
  };
  const inside = (x: number, y: number, b: Box) => x > b.l && x < b.r && y > b.t && y < b.b;
  const grow = (b: Box, d: number): Box => ({ l: b.l - d, t: b.t - d, r: b.r + d, b: b.b + d });
  const text = (el: Element, n = 40) =>
    (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, n);
  const shown = (el: Element) =>
    el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) &&
    el.getBoundingClientRect().width > 0 &&
    el.getBoundingClientRect().height > 0;

  const pane = document.querySelector(sel.flowPane);
  const canvas = document.querySelector(sel.canvas);
  const vp = document.querySelector(sel.viewport);
  if (!pane || !canvas || !vp) throw new Error('canvas, React Flow pane or viewport not found');
  const screen = inter(box(pane.getBoundingClientRect()), {
    l: 0,
    t: 0,
    r: window.innerWidth,
    b: window.innerHeight,
  });
  const zoom = new DOMMatrixReadOnly(getComputedStyle(vp).transform).a;
  const onScreen = (b: Box) => overlaps(b, screen, 0);
  const examples: Record<string, Finding[]> = {};
  const note = (key: string, f: Finding) => {
    const list = (examples[key] ??= []);
    if (list.length < maxExamples) list.push(f);
  };

  const nodeName = (n: Element) =>
    text(n.querySelector('.wl-name, .ext-label, .ns-name') ?? n, 30) ||
    (n.getAttribute('data-id') ?? '?');

  // Obstacles: workload and external nodes, shrunk by 2 px so touching is not crossing.
  const obstacles = [...document.querySelectorAll(sel.obstacle)]
    .filter(shown)
    .map((el) => ({ el, box: box(el.getBoundingClientRect()), name: nodeName(el) }));

  // Edge labels on screen.
  const labels = [...document.querySelectorAll(sel.edgeLabel)]
    .filter(shown)
    .map((el) => ({ el, box: box(el.getBoundingClientRect()), name: text(el, 30) }))
    .filter((l) => onScreen(l.box));

  // (a) label over label.
  let labelOverlaps = 0;
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i]!;
      const b = labels[j]!;
      if (overlaps(inter(a.box, screen), inter(b.box, screen), 1)) {
        labelOverlaps++;
        note('labelOverlaps', `"${a.name}" × "${b.name}"`);
      }
    }

  // (b) label over node text: the text's own extent (a Range), not its block's full width, and
  // only as much of it as shows: an ancestor up to the node that clips (an ellipsis, a box of
  // fixed size) hides the rest of a long text.
  const visible = (el: Element, b: Box): Box => {
    let out = b;
    for (let a: Element | null = el; a; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'hidden' || o === 'clip') out = inter(out, box(a.getBoundingClientRect()));
      if (a.matches(sel.node)) break;
    }
    return out;
  };
  const texts = [...document.querySelectorAll(sel.nodeText)].filter(shown).map((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const node = el.closest(sel.node);
    return {
      el,
      box: visible(el, box(range.getBoundingClientRect())),
      name: text(el, 30),
      node: node ? nodeName(node) : '?',
    };
  });
  let labelsOverNodeText = 0;
  for (const l of labels)
    for (const t of texts)
      if (overlaps(inter(l.box, screen), t.box, 1)) {
        labelsOverNodeText++;
        note('labelsOverNodeText', `"${l.name}" over ${t.node}: "${t.name}"`);
      }
  let labelsOverNodes = 0;
  for (const l of labels)
    for (const o of obstacles) if (overlaps(inter(l.box, screen), o.box, 1)) labelsOverNodes++;

  // (c) edges through nodes: sample each drawn path about every 3 screen px.
  const paths = [...document.querySelectorAll<SVGPathElement>(sel.edgePath)].filter((p) => {
    if (!p.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const cs = getComputedStyle(p);
    // Faded context (rules behind a highlighted workload's flows) is not a drawn edge.
    return Number(cs.strokeOpacity) >= 0.3 && Number(cs.opacity) >= 0.3 && cs.stroke !== 'none';
  });
  let edgesThroughNodes = 0;
  let edgesDrawn = 0;
  for (const p of paths) {
    const ctm = p.getScreenCTM();
    const length = p.getTotalLength();
    if (!ctm || !(length > 0)) continue;
    const at = (d: number) => {
      const q = p.getPointAtLength(d);
      return new DOMPoint(q.x, q.y).matrixTransform(ctm);
    };
    const bounds = box(p.getBoundingClientRect());
    if (!onScreen(grow(bounds, 1))) continue;
    edgesDrawn++;
    const start = at(0);
    const end = at(length);
    // The edge's own ends: the nodes its first and last points sit on (handles stick out a bit).
    const reach = Math.max(10, 12 * zoom);
    const ends = (b: Box) =>
      inside(start.x, start.y, grow(b, reach)) || inside(end.x, end.y, grow(b, reach));
    const candidates = obstacles.filter((o) => overlaps(grow(bounds, 1), o.box, 0) && !ends(o.box));
    if (candidates.length === 0) continue;
    const steps = Math.min(2000, Math.max(8, Math.ceil((length * zoom) / 3)));
    const hit = new Set<(typeof obstacles)[number]>();
    for (let s = 1; s < steps; s++) {
      const pt = at((length * s) / steps);
      if (!inside(pt.x, pt.y, screen)) continue;
      for (const o of candidates) if (inside(pt.x, pt.y, grow(o.box, -2))) hit.add(o);
    }
    for (const o of hit) {
      edgesThroughNodes++;
      const edge = p.closest('.react-flow__edge');
      note(
        'edgesThroughNodes',
        `${edge?.getAttribute('aria-label')?.slice(0, 70) ?? edge?.getAttribute('data-id') ?? '?'} through ${o.name}`,
      );
    }
  }

  // (d) smallest workload name on screen.
  let minNamePx: number | null = null;
  let namesUnder10px = 0;
  let namesMeasured = 0;
  for (const el of document.querySelectorAll(sel.workloadName)) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (!inside((r.left + r.right) / 2, (r.top + r.bottom) / 2, screen)) continue;
    namesMeasured++;
    const px = parseFloat(getComputedStyle(el).fontSize) * zoom;
    if (px < 10) {
      namesUnder10px++;
      note('namesUnder10px', `${text(el, 30)} at ${px.toFixed(1)} px`);
    }
    if (minNamePx === null || px < minNamePx) minNamePx = px;
  }

  // (e) buttons whose centre is under something else.
  const kindOf = (b: Element) =>
    b.closest(sel.edgeLabel)
      ? 'edge-label'
      : b.closest('.react-flow__controls')
        ? 'controls'
        : b.closest('.react-flow__node')
          ? 'node'
          : b.closest('.canvas-legend, .canvas-legend-open') || /legend/i.test(b.className)
            ? 'legend'
            : 'other';
  let buttons = 0;
  let coveredButtons = 0;
  const coveredByKind: Record<string, number> = {};
  for (const b of canvas.querySelectorAll('button')) {
    if (!shown(b)) continue;
    const r = b.getBoundingClientRect();
    const cx = (r.left + r.right) / 2;
    const cy = (r.top + r.bottom) / 2;
    // A button cut by the pane's edge is off screen (the view was panned), not covered: only
    // buttons wholly inside the pane are checked.
    if (!inside(r.left + 1, r.top + 1, screen) || !inside(r.right - 1, r.bottom - 1, screen))
      continue;
    buttons++;
    const top = document.elementFromPoint(cx, cy);
    if (top && (top === b || b.contains(top))) continue;
    coveredButtons++;
    const kind = kindOf(b);
    coveredByKind[kind] = (coveredByKind[kind] ?? 0) + 1;
    const over = top
      ? `${top.tagName.toLowerCase()}.${String(top.getAttribute('class') ?? '').split(' ')[0]} "${text(top.closest('.react-flow__node, button, .react-flow__edge') ?? top, 25)}"`
      : 'nothing';
    note(
      'coveredButtons',
      `${kind} "${b.getAttribute('aria-label') ?? text(b, 30)}" under ${over}`,
    );
  }

  // (f) nodes cut off by the canvas edge.
  let offscreenNodes: number | null = null;
  if (offscreen) {
    offscreenNodes = 0;
    const cut = (b: Box) =>
      b.l < screen.l - 1 || b.t < screen.t - 1 || b.r > screen.r + 1 || b.b > screen.b + 1;
    for (const n of document.querySelectorAll(sel.node)) {
      const b = box(n.getBoundingClientRect());
      if (b.r - b.l <= 0) continue;
      if (cut(b)) {
        offscreenNodes++;
        note('offscreenNodes', nodeName(n));
      }
    }
  }

  return {
    zoom,
    nodesInDom: document.querySelectorAll(sel.node).length,
    workloadsOnScreen: [...document.querySelectorAll(sel.workload)].filter((w) =>
      onScreen(box(w.getBoundingClientRect())),
    ).length,
    edgesDrawn,
    labelsShown: labels.length,
    namesMeasured,
    nodeTexts: texts.length,
    buttons,
    labelOverlaps,
    labelsOverNodeText,
    edgesThroughNodes,
    minNamePx,
    namesUnder10px,
    coveredButtons,
    coveredByKind,
    offscreenNodes,
    labelsOverNodes,
    examples,
  };
}

export interface LegibilityRow extends ViewMetrics {
  readonly workspace: string;
  readonly workloads: number;
  readonly viewport: string;
  readonly view: string;
  readonly screenshot: string;
  readonly measuredAt: string;
}

/** The issue's targets for one row; each broken one as a sentence. */
export function targetFailures(row: LegibilityRow, readableUpTo = 40): string[] {
  const where = `${row.workspace} ${row.viewport} ${row.view}`;
  const out: string[] = [];
  if (row.labelOverlaps > 0)
    out.push(`${where}: ${row.labelOverlaps} overlapping edge label pairs`);
  if (row.labelsOverNodeText > 0)
    out.push(`${where}: ${row.labelsOverNodeText} edge labels over node text`);
  if (row.edgesThroughNodes > 0) out.push(`${where}: ${row.edgesThroughNodes} edges through nodes`);
  if (row.workloads <= readableUpTo && row.minNamePx !== null && row.minNamePx < 10)
    out.push(`${where}: smallest workload name ${row.minNamePx.toFixed(1)} px (< 10)`);
  if (row.coveredButtons > 0) out.push(`${where}: ${row.coveredButtons} covered canvas buttons`);
  if (row.offscreenNodes !== null && row.offscreenNodes > 0)
    out.push(`${where}: ${row.offscreenNodes} nodes off screen after the fit`);
  return out;
}

const num = (n: number | null, digits = 0) => (n === null ? '–' : n.toFixed(digits));

/** A Markdown table of rows, one per (workspace, viewport, view). */
export function legibilityTable(rows: readonly LegibilityRow[]): string {
  const head =
    '| workspace | viewport | view | zoom | labels | (a) label×label | (b) label×text | (c) edge×node | (d) min name px | (e) covered buttons | (f) off screen | ok |';
  const lines = rows.map((r) => {
    const kinds = Object.entries(r.coveredByKind)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    return `| ${r.workspace} | ${r.viewport} | ${r.view} | ${num(r.zoom, 2)} | ${r.labelsShown} | ${r.labelOverlaps} | ${r.labelsOverNodeText} | ${r.edgesThroughNodes} | ${num(r.minNamePx, 1)} | ${r.coveredButtons}${kinds ? ` (${kinds})` : ''} | ${num(r.offscreenNodes)} | ${targetFailures(r).length === 0 ? 'yes' : 'no'} |`;
  });
  return [head, head.replace(/[^|]+/g, ' --- '), ...lines].join('\n');
}

/** Drives the app into each measured view, the way a person gets there. */
export class LegibilityPage {
  readonly canvas: CanvasPage;
  readonly editor: EditorPage;

  constructor(readonly page: Page) {
    this.canvas = new CanvasPage(page);
    this.editor = new EditorPage(page);
  }

  /**
   * The app at this window size: on a first visit (a fresh browser context), the default example
   * laid out and fitted.
   */
  async open(width: number, height: number): Promise<void> {
    await this.page.setViewportSize({ width, height });
    await this.page.goto('/');
    await this.editor.waitForEditor();
    await this.settle();
  }

  /** Opens a built-in example through the Examples menu (nothing to lose, so no question). */
  async openExample(title: string): Promise<void> {
    await this.editor.menu('Examples', title);
    await this.settle();
  }

  /** Replaces the workspace by pasting its YAML into the YAML pane. */
  async paste(yaml: string, workloads: number): Promise<void> {
    await this.editor.pasteAll(yaml);
    // A large workspace opens with its namespaces collapsed: nodes, not necessarily workloads.
    await expect(this.page.locator(LEGIBILITY_SELECTORS.obstacle).first()).toBeVisible({
      timeout: 30_000,
    });
    await expect
      .poll(() => this.page.locator(LEGIBILITY_SELECTORS.obstacle).count(), { timeout: 30_000 })
      .toBeGreaterThan(Math.min(workloads, 150) / 40);
    await this.settle();
  }

  /**
   * Waits until the layout is done, no flows are being computed, and the viewport and the labels
   * stop moving (fits animate for 200 ms).
   */
  async settle(): Promise<void> {
    // Generous: ELK lays out ~50 nodes in seconds on a quiet machine, in minutes on a loaded one.
    await expect(this.page.locator(LEGIBILITY_SELECTORS.obstacle).first()).toBeVisible({
      timeout: 60_000,
    });
    await expect(this.page.locator(LEGIBILITY_SELECTORS.layoutDone)).toHaveCount(1, {
      timeout: 240_000,
    });
    await expect(this.page.locator(LEGIBILITY_SELECTORS.busy)).toHaveCount(0, { timeout: 30_000 });
    let last = '';
    let same = 0;
    for (let i = 0; i < 60 && same < 3; i++) {
      const now = await this.page.evaluate((sel) => {
        const vp = document.querySelector(sel.viewport);
        const labels = [...document.querySelectorAll(sel.edgeLabel)]
          .map((l) => (l as HTMLElement).style.transform)
          .join(';');
        return `${vp ? getComputedStyle(vp).transform : ''}|${document.querySelectorAll(sel.node).length}|${labels}`;
      }, LEGIBILITY_SELECTORS);
      same = now === last ? same + 1 : 0;
      last = now;
      await this.page.waitForTimeout(100);
    }
  }

  async fitView(): Promise<void> {
    await this.canvas.fitView();
    await this.settle();
  }

  async measure(opts: { offscreen: boolean }): Promise<ViewMetrics> {
    return this.page.evaluate(measureInPage, {
      sel: LEGIBILITY_SELECTORS,
      offscreen: opts.offscreen,
      maxExamples: 4,
    });
  }

  /**
   * Workloads to select, chosen on what is drawn now: the one with most edge ends on it, one in
   * the middle and the least connected one with an edge (ids, distinct, at most `count`).
   */
  async pickWorkloads(count: number): Promise<string[]> {
    // Namespaces collapsed by default are opened as a person would, one by one, until enough
    // workloads are on the canvas to choose from.
    for (let i = 0; i < 6; i++) {
      if ((await this.page.locator(LEGIBILITY_SELECTORS.workload).count()) >= count) break;
      const expand = this.page.locator(LEGIBILITY_SELECTORS.expandNamespace).first();
      if ((await expand.count()) === 0) break;
      await expand.click();
      await this.settle();
      await this.fitView();
    }
    const degrees = await this.page.evaluate((sel) => {
      const nodes = [...document.querySelectorAll(sel.obstacle)].map((el) => ({
        id: el.getAttribute('data-id') ?? '',
        workload: el.matches(sel.workload),
        r: el.getBoundingClientRect(),
        degree: 0,
      }));
      const vp = document.querySelector(sel.viewport);
      const zoom = vp ? new DOMMatrixReadOnly(getComputedStyle(vp).transform).a : 1;
      const reach = Math.max(6, 12 * zoom);
      for (const p of document.querySelectorAll<SVGPathElement>(sel.edgePath)) {
        const ctm = p.getScreenCTM();
        const length = p.getTotalLength();
        if (!ctm || !(length > 0)) continue;
        for (const d of [0, length]) {
          const q = p.getPointAtLength(d);
          const pt = new DOMPoint(q.x, q.y).matrixTransform(ctm);
          // The smallest node the end sits on.
          const on = nodes
            .filter(
              (n) =>
                pt.x > n.r.left - reach &&
                pt.x < n.r.right + reach &&
                pt.y > n.r.top - reach &&
                pt.y < n.r.bottom + reach,
            )
            .sort((a, b) => a.r.width * a.r.height - b.r.width * b.r.height)[0];
          if (on) on.degree++;
        }
      }
      return nodes.filter((n) => n.workload).map((n) => ({ id: n.id, degree: n.degree }));
    }, LEGIBILITY_SELECTORS);
    const ranked = [...degrees].sort((a, b) => b.degree - a.degree || a.id.localeCompare(b.id));
    const connected = ranked.filter((d) => d.degree > 0);
    const pool = connected.length >= count ? connected : ranked;
    const picks = [pool[0], pool[Math.floor(pool.length / 2)], pool[pool.length - 1]]
      .filter((d) => d !== undefined)
      .map((d) => d.id);
    return [...new Set(picks)].slice(0, count);
  }

  /**
   * Clicks a workload where a person would: on a visible part of it (its name first), not under a
   * label, an edge or another node. When no part is on screen, fits the view, and failing that
   * zooms out and back in on it. Returns why it could not, instead of throwing,
   * so the other views are still measured.
   */
  async selectWorkload(id: string): Promise<string | null> {
    const find = () =>
      this.page.evaluate(
        ({ sel, id }) => {
          const node = document.querySelector(`${sel.node}[data-id="${CSS.escape(id)}"]`);
          const pane = document.querySelector(sel.flowPane)?.getBoundingClientRect();
          if (!node || !pane) return null;
          const r = node.getBoundingClientRect();
          const name = node.querySelector(sel.workloadName)?.getBoundingClientRect() ?? r;
          // The name first, then anywhere on the node (a 6 × 6 grid).
          const tries: [number, number][] = [
            [(name.left + name.right) / 2, (name.top + name.bottom) / 2],
            [name.left + 2, (name.top + name.bottom) / 2],
          ];
          for (let i = 1; i < 7; i++)
            for (let j = 1; j < 7; j++)
              tries.push([r.left + (r.width * i) / 7, r.top + (r.height * j) / 7]);
          for (const [x, y] of tries) {
            if (x <= pane.left || x >= pane.right || y <= pane.top || y >= pane.bottom) continue;
            const top = document.elementFromPoint(x, y);
            if (top && node.contains(top) && !top.closest('button, .react-flow__handle'))
              return { x, y };
          }
          return null;
        },
        { sel: LEGIBILITY_SELECTORS, id },
      );
    let at = await find();
    if (!at) {
      await this.fitView();
      at = await find();
    }
    if (!at) {
      await this.zoomOutAndIn(id);
      at = await find();
    }
    if (!at) return `workload ${id} has no clickable spot on screen, even after Fit view and a pan`;
    await this.page.mouse.click(at.x, at.y);
    await expect(this.page.locator(LEGIBILITY_SELECTORS.canvas)).toHaveAttribute(
      'data-highlight',
      id,
      { timeout: 30_000 },
    );
    await this.settle();
    return null;
  }

  /**
   * Reaches a node off screen as a person does with the mouse: zoom out with the wheel until it
   * is in sight (dragging empty pane towards it if it is not at the smallest zoom), then zoom
   * back in with the pointer on it (the wheel zooms about the pointer).
   * React Flow's own pan on focus is no help: it centres a nested node at its parent-relative
   * position. Dragging the pane fails when namespaces fill the canvas (their bodies do not pan).
   */
  private async zoomOutAndIn(id: string): Promise<void> {
    const where = () =>
      this.page.evaluate(
        ({ sel, id }) => {
          const node = document.querySelector(`${sel.node}[data-id="${CSS.escape(id)}"]`);
          const flow = document.querySelector(sel.flowPane);
          const vp = document.querySelector(sel.viewport);
          if (!node || !flow || !vp) return null;
          const p = flow.getBoundingClientRect();
          const r = node.getBoundingClientRect();
          const x = (r.left + r.right) / 2;
          const y = (r.top + r.bottom) / 2;
          return {
            zoom: new DOMMatrixReadOnly(getComputedStyle(vp).transform).a,
            node: { x, y },
            pane: { x: (p.left + p.right) / 2, y: (p.top + p.bottom) / 2 },
            inSight: x > p.left + 20 && x < p.right - 20 && y > p.top + 20 && y < p.bottom - 20,
          };
        },
        { sel: LEGIBILITY_SELECTORS, id },
      );
    let w = await where();
    if (!w) return;
    const zoom = w.zoom;
    const m = this.page.mouse;
    for (let i = 0; i < 12 && w && !w.inSight; i++) {
      await m.move(w.pane.x, w.pane.y);
      await m.wheel(0, 300);
      await this.settle();
      const next = await where();
      if (!next || next.zoom === w.zoom) break;
      w = next;
    }
    // Zoomed out as far as it goes and still out of sight: drag empty pane towards it.
    for (let i = 0; i < 6 && w && !w.inSight; i++) {
      const grab = await this.page.evaluate((sel) => {
        const flow = document.querySelector(sel.flowPane)?.getBoundingClientRect();
        const empty = document.querySelector('.react-flow__pane');
        if (!flow || !empty) return null;
        for (let y = flow.top + 10; y < flow.bottom - 10; y += 15)
          for (let x = flow.left + 10; x < flow.right - 10; x += 15)
            if (document.elementFromPoint(x, y) === empty) return { x, y };
        return null;
      }, LEGIBILITY_SELECTORS);
      if (!grab) break;
      // The pointer may leave the canvas while dragging, not the window.
      const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
      const size = this.page.viewportSize() ?? { width: 1280, height: 720 };
      const to = {
        x: clamp(grab.x + w.pane.x - w.node.x, 5, size.width - 5),
        y: clamp(grab.y + w.pane.y - w.node.y, 5, size.height - 5),
      };
      await m.move(grab.x, grab.y);
      await m.down();
      await m.move(to.x, to.y, { steps: 10 });
      await m.up();
      await this.settle();
      w = await where();
    }
    for (let i = 0; i < 12 && w && w.inSight && w.zoom < zoom * 0.99; i++) {
      await m.move(w.node.x, w.node.y);
      await m.wheel(0, -300);
      await this.settle();
      const next = await where();
      if (!next || next.zoom === w.zoom) break;
      w = next;
    }
  }

  async shot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }
}
