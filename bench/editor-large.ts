// A 1,000-workload workspace: time from navigation to the first workload on screen and to the
// finished layout, then the frame gaps (requestAnimationFrame) and long tasks while the user drags
// the pane and zooms with the wheel.
import type { Browser, Page } from '@playwright/test';
import { syntheticWorkspace } from '../fixtures/synthetic-workspace.ts';
import {
  deselect,
  newContext,
  openWith,
  selectOnScreen,
  stats,
  workloadsOnScreen,
} from './editor-page.ts';
import type { Stats } from './editor-page.ts';

/** Selections timed at Fit view. */
const SELECTS = 9;

export interface LargeFigures {
  readonly workloads: number;
  /** Nodes in the DOM after panning and zooming (the canvas draws only what is visible). */
  readonly nodesInDom: number;
  /** From navigation start of the reload that opens the workspace. */
  readonly firstPaintMs: number;
  readonly firstNodesMs: number;
  readonly layoutDoneMs: number;
  readonly pan: Motion;
  readonly zoom: Motion;
  /** Longest task that ended after the first contentful paint (the page visible but frozen). */
  readonly longestTaskAfterPaintMs: number;
  /** Workload nodes wholly on screen at Fit view with two namespaces open. */
  readonly nodesInDomAtFit: number;
  /** Selecting a workload at Fit view (its flows come from a Web Worker at this size). */
  readonly select: Stats;
  /** Samples that could not be taken (a node gone, a highlight or a centring that never came). */
  readonly failures: readonly string[];
  /**
   * Enter in the find box → the workload selected and centred, for workloads in namespaces that
   * are open and in namespaces that are still collapsed (the search opens them).
   */
  readonly search: { readonly open: Stats; readonly collapsed: Stats };
  /** Longest task from Enter until centred, over all searches. */
  readonly searchLongestTaskMs: number;
}

export interface Motion {
  readonly frames: number;
  readonly worstFrameGapMs: number;
  readonly longestTaskMs: number;
  /** Distinct viewport transforms seen in frames: 1 means the view never moved. */
  readonly views: number;
}

export interface BenchWindow {
  bench: {
    fcp: number | null;
    firstNodes: number | null;
    layoutDone: number | null;
    tasks: { start: number; end: number }[];
    gaps: number[];
    views: Set<string>;
    recording: boolean;
    window: { start: number; end: number };
  };
}

/** Installed before the app's own scripts on every document of the context. */
export function instrument(): void {
  const b: BenchWindow['bench'] = {
    fcp: null,
    firstNodes: null,
    layoutDone: null,
    tasks: [],
    gaps: [],
    views: new Set(),
    recording: false,
    window: { start: 0, end: 0 },
  };
  (window as unknown as BenchWindow).bench = b;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      b.tasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') b.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  let nodeSeen = false;
  const watch = new MutationObserver(() => {
    // Any node: 1,000 workloads open as a map of collapsed namespaces.
    if (!nodeSeen && document.querySelector('.react-flow__node')) {
      nodeSeen = true;
      // Painted: the frame after the nodes entered the DOM.
      requestAnimationFrame(() => setTimeout(() => (b.firstNodes = performance.now()), 0));
    }
    const canvas = document.querySelector('[data-testid="canvas"]');
    if (nodeSeen && b.layoutDone === null && canvas?.getAttribute('data-layout') === 'done')
      b.layoutDone = performance.now();
    if (nodeSeen && b.layoutDone !== null) watch.disconnect();
  });
  watch.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-layout'],
  });
}

/** Runs `motion` while recording frame gaps, long tasks and the viewport transform per frame. */
export async function record(page: Page, motion: () => Promise<void>): Promise<Motion> {
  await page.evaluate(() => {
    const b = (window as unknown as BenchWindow).bench;
    const viewport = document.querySelector('.react-flow__viewport');
    b.gaps = [];
    b.views = new Set();
    b.recording = true;
    b.window = { start: performance.now(), end: Infinity };
    let last = performance.now();
    const tick = (t: number) => {
      b.gaps.push(t - last);
      b.views.add(viewport?.getAttribute('style') ?? '');
      last = t;
      if (b.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await motion();
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    const b = (window as unknown as BenchWindow).bench;
    b.recording = false;
    b.window.end = performance.now();
    const gaps = b.gaps.slice(1);
    const during = b.tasks.filter((t) => t.end > b.window.start && t.start < b.window.end);
    return {
      frames: gaps.length,
      worstFrameGapMs: Math.round(Math.max(0, ...gaps)),
      longestTaskMs: Math.round(Math.max(0, ...during.map((t) => t.end - t.start))),
      views: b.views.size,
    };
  });
}

/** A point in the lower part of the canvas where a press lands on the empty pane itself. */
export function panePoint(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane');
    const r = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
    for (let y = r.bottom - 60; y > r.top + 60; y -= 20)
      for (let x = r.left + r.width / 2, dx = 0; dx < r.width / 2 - 60; dx += 20)
        for (const xx of [x - dx, x + dx])
          if (document.elementFromPoint(xx, y) === pane) return { x: xx, y };
    throw new Error('no empty pane to grab');
  });
}

export async function measureLarge(browser: Browser, base: string): Promise<LargeFigures> {
  const context = await newContext(browser);
  await context.addInitScript(instrument);
  try {
    const page = await context.newPage();
    await openWith(page, base, syntheticWorkspace(20, 50, 5));
    await page.waitForFunction(
      () => {
        const b = (window as unknown as BenchWindow).bench;
        return b.firstNodes !== null && b.layoutDone !== null;
      },
      undefined,
      { timeout: 60_000 },
    );
    await page.waitForTimeout(1000);
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const m = page.mouse;

    // Drag the empty pane, as a person pans, in small steps.
    const start = await panePoint(page);
    const pan = await record(page, async () => {
      const { x, y } = start;
      await m.move(x, y);
      await m.down();
      for (let i = 1; i <= 30; i++) await m.move(x - i * 25, y - i * 10);
      await m.up();
    });
    // Zoom in and back out with the wheel over the middle of the canvas.
    const zoom = await record(page, async () => {
      await m.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
      for (const dy of [...Array<number>(8).fill(-100), ...Array<number>(8).fill(100)]) {
        await m.wheel(0, dy);
        await page.waitForTimeout(30);
      }
    });

    const open = await page.evaluate(() => {
      const b = (window as unknown as BenchWindow).bench;
      const fcp = b.fcp ?? 0;
      return {
        firstPaintMs: Math.round(fcp),
        firstNodesMs: Math.round(b.firstNodes ?? NaN),
        layoutDoneMs: Math.round(b.layoutDone ?? NaN),
        longestTaskAfterPaintMs: Math.round(
          Math.max(0, ...b.tasks.filter((t) => t.end > fcp).map((t) => t.end - t.start)),
        ),
        nodesInDom: document.querySelectorAll('.react-flow__node').length,
      };
    });

    await page.getByRole('button', { name: 'Fit view', exact: true }).first().click();
    await page.waitForTimeout(500);
    // 1,000 workloads open as a map of collapsed namespaces: open two, as a person would.
    await page.evaluate(() => {
      const buttons = document.querySelectorAll<HTMLButtonElement>(
        'button[aria-label^="Expand namespace"]',
      );
      for (const b of [...buttons].slice(0, 2)) b.click();
    });
    await page.locator('.react-flow__node-workload').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    // Workloads spread over those on screen, picked right before each click (the canvas
    // renders only what is visible, and a selection changes what is drawn).
    const select: number[] = [];
    const failures: string[] = [];
    const onScreen = (await workloadsOnScreen(page)).length;
    for (let k = 0; k < SELECTS; k++) {
      await deselect(page);
      const r = await selectOnScreen(page, k, SELECTS);
      if ('ms' in r) select.push(r.ms);
      else failures.push(`select: ${r.failure}`);
    }
    await deselect(page);
    const search = await measureSearch(page, failures);
    return {
      workloads: 1000,
      ...open,
      pan,
      zoom,
      nodesInDomAtFit: onScreen,
      select: stats(select),
      failures,
      ...search,
    };
  } finally {
    await context.close();
  }
}

/**
 * Types a workload's name in the find box (not timed), then times from Enter until the canvas
 * highlights it and its node's centre is within 40 px of the pane's centre, as a person waits.
 */
async function timeSearch(page: Page, id: string): Promise<{ ms: number; task: number }> {
  const name = id.slice(id.indexOf('/') + 1);
  const namespace = id.slice(0, id.indexOf('/'));
  const box = page.getByRole('combobox', { name: 'Find a workload, namespace, label or policy' });
  await box.click();
  await box.fill(`${name} ${namespace}`);
  await page.getByRole('listbox', { name: 'Matches' }).waitFor();
  await page.evaluate(() => {
    const input = document.activeElement!;
    const b = (window as unknown as BenchWindow).bench;
    input.addEventListener(
      'keydown',
      () => (b.window = { start: performance.now(), end: Infinity }),
      {
        capture: true,
        once: true,
      },
    );
  });
  await page.keyboard.press('Enter');
  return page.evaluate(async (nodeId) => {
    const b = (window as unknown as BenchWindow).bench;
    const canvas = document.querySelector<HTMLElement>('[data-testid="canvas"]')!;
    const flow = document.querySelector('.react-flow')!;
    for (;;) {
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const node = document.querySelector(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`);
      const now = performance.now();
      if (node && canvas.dataset['highlight'] === nodeId) {
        const n = node.getBoundingClientRect();
        const p = flow.getBoundingClientRect();
        const off = Math.hypot(
          n.x + n.width / 2 - (p.x + p.width / 2),
          n.y + n.height / 2 - (p.y + p.height / 2),
        );
        if (off < 40) {
          const start = b.window.start;
          const during = b.tasks.filter((t) => t.end > start && t.start < now);
          return {
            ms: now - start,
            task: Math.max(0, ...during.map((t) => t.end - t.start)),
          };
        }
      }
      if (now - b.window.start > 20_000) throw new Error(`search never centred ${nodeId}`);
    }
  }, id);
}

async function measureSearch(
  page: Page,
  failures: string[],
): Promise<{ search: { open: Stats; collapsed: Stats }; searchLongestTaskMs: number }> {
  const open: number[] = [];
  const collapsed: number[] = [];
  let task = 0;
  // Workloads of namespaces the bench opened (team-0, team-1) and of closed ones, alternating.
  for (let i = 0; i < 6; i++) {
    const inOpen = i % 2 === 0;
    const ns = inOpen ? `team-${i % 4 === 0 ? 0 : 1}` : `team-${10 + i}`;
    const id = `${ns}/svc-${(i * 13 + 7) % 50}`;
    try {
      const r = await timeSearch(page, id);
      (inOpen ? open : collapsed).push(r.ms);
      task = Math.max(task, r.task);
    } catch (e) {
      failures.push(`search ${id}: ${e instanceof Error ? e.message.split('\n')[0]! : String(e)}`);
    }
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
  }
  return {
    search: { open: stats(open), collapsed: stats(collapsed) },
    searchLongestTaskMs: Math.round(task),
  };
}
