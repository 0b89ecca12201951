// Highlighting latency with 200 workloads and 100 policies, timed in the page with performance.now()
// from the user's action until the canvas shows the result and a frame has been painted:
// selecting a workload, allowing a flow by drawing an edge (and undoing it), and typing in the YAML.
import type { Browser, Page } from '@playwright/test';
import { syntheticWorkspace } from '../fixtures/synthetic-workspace.ts';
import {
  deselect,
  expandAll,
  newContext,
  openWith,
  stats,
  selectOnScreen,
  waitForCanvas,
} from './editor-page.ts';
import type { Stats } from './editor-page.ts';

export interface HighlightFigures {
  readonly workloads: number;
  readonly flowEdges: number;
  /** Click on a workload → its flows drawn. */
  readonly select: Stats;
  /** Allow in the drawn edge's popover → the flow's verdict redrawn (a canvas gesture). */
  readonly allowEdit: Stats;
  /** Ctrl+Z of that edit → the verdict back. */
  readonly undo: Stats;
  /** A policy pasted into the YAML editor → verdicts redrawn (includes the 150 ms typing pause). */
  readonly typing: Stats;
  /** Selections that could not be timed (the node gone from the screen twice, no highlight). */
  readonly selectFailures: readonly string[];
  /** Edits for which other edges covered the highlighted workload's handle (no pointer could grab it). */
  readonly handleCovered: number;
}

const SELECTED = 'team-0/svc-1';

type Act = 'confirm' | 'undo' | 'typed';

/**
 * Acts in the page (Allow in the popover, Ctrl+Z, or nothing when text was just inserted) and
 * times until the drawn flows differ from (or are again equal to) `reference` while the selected
 * workload is highlighted with current flows, and a frame has been painted. The flows are compared
 * by id, class and accessible name: a namespace's grouped edge changes its counts, not its class.
 */
function timeFlowChange(
  page: Page,
  act: Act,
  reference: string,
  until: 'differs' | 'equals',
): Promise<number> {
  return page.evaluate(
    async ({ act, reference, until, selected }) => {
      const canvas = document.querySelector<HTMLElement>('[data-testid="canvas"]')!;
      const signature = () =>
        [...document.querySelectorAll('.react-flow__edge[data-id^="flow|"]')]
          .map((e) => `${e.getAttribute('data-id')} ${e.getAttribute('class')} ${e.ariaLabel}`)
          .join('\n');
      let t0 = performance.now();
      if (act === 'confirm') {
        const confirm = document.querySelector<HTMLButtonElement>('.connect-popover .cp-confirm');
        if (!confirm || confirm.disabled) throw new Error('no enabled Allow button');
        t0 = performance.now();
        confirm.click();
      } else if (act === 'undo') {
        const key = { key: 'z', code: 'KeyZ', ctrlKey: true, bubbles: true, cancelable: true };
        document.body.dispatchEvent(new KeyboardEvent('keydown', key));
      } else t0 = (window as unknown as { typedAt: number }).typedAt;
      for (;;) {
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        if (
          canvas.dataset['highlight'] === selected &&
          (signature() === reference) === (until === 'equals')
        )
          return performance.now() - t0;
        if (performance.now() - t0 > 10_000) throw new Error(`${act}: the flows never changed`);
      }
    },
    { act, reference, until, selected: SELECTED },
  );
}

/** id, class and accessible name of every drawn flow edge. */
function flowSignature(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.react-flow__edge[data-id^="flow|"]')]
      .map((e) => `${e.getAttribute('data-id')} ${e.getAttribute('class')} ${e.ariaLabel}`)
      .join('\n'),
  );
}

/** A point where the mouse lands on the selected workload's outgoing handle, if any does. */
function freeHandlePoint(page: Page): Promise<{ x: number; y: number } | null> {
  return page.evaluate((id) => {
    const handle = document.querySelector(
      `.react-flow__node[data-id="${CSS.escape(id)}"] .react-flow__handle.source`,
    );
    if (!handle) return null;
    const r = handle.getBoundingClientRect();
    const step = Math.max(0.2, r.width / 12);
    for (let y = r.top + r.height / 2, dy = 0; dy <= r.height / 2; dy += step)
      for (const yy of [y - dy, y + dy])
        for (let x = r.left + step / 2; x < r.right; x += step)
          if (document.elementFromPoint(x, yy) === handle) return { x, y: yy };
    return null;
  }, SELECTED);
}

/**
 * Draws an edge from the selected workload's outgoing handle to `target` with the mouse, and waits
 * for the port popover. When other edges lie over the handle (so a pointer there would grab an
 * edge), the same mouse events are dispatched to the handle instead, and the drag is counted.
 * What is timed afterwards does not depend on how the popover was opened.
 */
async function drawEdge(page: Page, target: string): Promise<boolean> {
  const from = await freeHandlePoint(page);
  const to = await page.locator(`.react-flow__node[data-id="${target}"]`).boundingBox();
  if (!to) throw new Error(`${target} is not on screen`);
  const end = { x: to.x + to.width / 2, y: to.y + to.height / 2 };
  if (from) {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(end.x, end.y, { steps: 8 });
    await page.mouse.up();
  } else {
    await page.evaluate(
      ([id, end]) => {
        const handle = document.querySelector(
          `.react-flow__node[data-id="${CSS.escape(id)}"] .react-flow__handle.source`,
        );
        if (!handle) throw new Error(`${id} has no handle on screen`);
        const a = handle.getBoundingClientRect();
        const x0 = a.left + a.width / 2;
        const y0 = a.top + a.height / 2;
        const at = (t: number) => ({
          clientX: x0 + t * (end.x - x0),
          clientY: y0 + t * (end.y - y0),
          bubbles: true,
          cancelable: true,
          button: 0,
        });
        handle.dispatchEvent(new MouseEvent('mousedown', { ...at(0), buttons: 1 }));
        for (let i = 1; i <= 8; i++)
          document.dispatchEvent(new MouseEvent('mousemove', { ...at(i / 8), buttons: 1 }));
        document.dispatchEvent(new MouseEvent('mouseup', at(1)));
      },
      [SELECTED, end] as const,
    );
  }
  await page.locator('.connect-popover').waitFor({ timeout: 5000 });
  return from !== null;
}

/**
 * Workloads the selected one cannot fully reach yet, alternating between its own namespace (each
 * drawn as its own edge) and namespaces whose grouped edge is all denied.
 */
async function allowTargets(page: Page, count: number): Promise<string[]> {
  const { own, groups } = await page.evaluate((s) => {
    const prefix = `flow|${s}|`;
    const edges = [...document.querySelectorAll(`.react-flow__edge[data-id^="${prefix}"]`)];
    const target = (e: Element) => (e.getAttribute('data-id') ?? '').slice(prefix.length);
    // Only nodes inside the pane can be dragged to.
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const onScreen = (id: string) => {
      const n = document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
      const r = n?.getBoundingClientRect();
      return (
        !!r &&
        r.left >= pane.left &&
        r.right <= pane.right &&
        r.top >= pane.top &&
        r.bottom <= pane.bottom
      );
    };
    const members = (ns: string) =>
      [...document.querySelectorAll(`.react-flow__node-workload[data-id^="${ns}/"]`)]
        .map((n) => n.getAttribute('data-id') ?? '')
        .filter(onScreen);
    return {
      own: edges
        .filter((e) => !e.classList.contains('flow-allowed') && target(e).includes('/'))
        .map(target)
        .filter(onScreen),
      groups: edges
        .filter((e) => e.classList.contains('flow-denied') && target(e).startsWith('ns:'))
        .map((e) => members(target(e).slice('ns:'.length)))
        .filter((m) => m.length > 0),
    };
  }, SELECTED);
  const out: string[] = [];
  // Each edit is undone before the next, so a target may serve again.
  for (let i = 0; out.length < count && (own.length > 0 || groups.length > 0); i++) {
    if (own.length > 0) out.push(own[i % own.length]!);
    const g = groups[i % Math.max(1, groups.length)];
    if (g && out.length < count) out.push(g[(i * 7) % g.length]!);
  }
  if (out.length < count) throw new Error(`only ${out.length} flows from ${SELECTED} to allow`);
  return out;
}

// Opens the selected workload's egress to everything: its outgoing verdicts change. One line in
// flow style, inserted at the top, so Monaco's auto-indent has nothing to re-indent.
const PASTED =
  '{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: bench-open-egress, ' +
  'namespace: team-0}, spec: {podSelector: {matchLabels: {app: svc-1}}, policyTypes: [Egress], ' +
  'egress: [{}]}}\n---\n';

/**
 * Inserts a policy at the top of the YAML and times until the verdicts change. The clock starts in
 * the page just before the text is inserted (Monaco may take text through an EditContext rather
 * than input events), so the figure includes one round trip to the browser, about a millisecond.
 */
async function timeTyping(page: Page): Promise<number> {
  const before = await flowSignature(page);
  // Focus as Tab would: a click could land on a sticky-scroll header instead of the text.
  await page.getByRole('textbox', { name: 'Workspace YAML' }).focus();
  await page.keyboard.press('Control+Home');
  await page.evaluate(
    () => ((window as unknown as { typedAt: number }).typedAt = performance.now()),
  );
  await page.keyboard.insertText(PASTED);
  const ms = await timeFlowChange(page, 'typed', before, 'differs');
  // Undo (the store's, from inside Monaco) and wait for the verdicts to come back.
  await page.keyboard.press('Control+Z');
  await page.waitForFunction(
    (sig) =>
      [...document.querySelectorAll('.react-flow__edge[data-id^="flow|"]')]
        .map((e) => `${e.getAttribute('data-id')} ${e.getAttribute('class')} ${e.ariaLabel}`)
        .join('\n') === sig,
    before,
  );
  return ms;
}

export async function measureHighlight(
  browser: Browser,
  base: string,
  samples: number,
): Promise<HighlightFigures> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await openWith(page, base, syntheticWorkspace(10, 20, 10));
    await waitForCanvas(page);
    // 200 workloads open collapsed; selecting a workload is measured on the full picture.
    await expandAll(page);
    await page.waitForTimeout(300);
    // The first view favours legible labels; Fit view puts every node (and flow) on screen.
    await page.getByRole('button', { name: 'Fit view', exact: true }).first().click();
    await page.waitForTimeout(500);
    const workloads = await page.locator('.react-flow__node-workload').count();

    // (a) Selecting: a different workload each time (a revisited one is cached), among those on
    // screen: a fit never goes below a readable zoom, and the canvas renders only what is visible.
    const select: number[] = [];
    const selectFailures: string[] = [];
    for (let i = 0; i < samples; i++) {
      await deselect(page);
      const r = await selectOnScreen(page, (i * 7 + 3) % samples, samples);
      if ('ms' in r) select.push(r.ms);
      else selectFailures.push(`select: ${r.failure}`);
    }

    // (b) An edit while a workload is highlighted: draw an edge to a workload it may not reach
    // yet, Allow in the popover (the gesture rewrites the YAML and reparses at once), then undo.
    // Found as a person finds it on a canvas too big to read whole: the find box centres it.
    await deselect(page);
    const find = page.getByRole('combobox', {
      name: 'Find a workload, namespace, label or policy',
    });
    await find.fill(`${SELECTED.split('/')[1]!} ${SELECTED.split('/')[0]!}`);
    await find.press('Enter');
    await page.waitForFunction(
      (id) =>
        document.querySelector<HTMLElement>('[data-testid="canvas"]')?.dataset['highlight'] === id,
      SELECTED,
    );
    await page.waitForTimeout(1000);
    // Denied flows are summarised by markers until the user asks to draw them, as here: the
    // targets are workloads the selected one cannot reach yet.
    await page.getByRole('button', { name: /^Draw \d+ denied$/ }).click();
    await page.locator('.react-flow__edge.flow-denied').first().waitFor({ state: 'attached' });
    const flowEdges = await page.locator(`.react-flow__edge[data-id^="flow|"]`).count();
    const allowEdit: number[] = [];
    const undo: number[] = [];
    let handleCovered = 0;
    for (const target of await allowTargets(page, samples)) {
      if (!(await drawEdge(page, target))) handleCovered++;
      // Any port: the flow becomes fully allowed whatever it allowed before.
      await page.locator('.connect-popover').getByRole('radio', { name: 'Any port' }).check();
      await page.waitForTimeout(200);
      const before = await flowSignature(page);
      allowEdit.push(await timeFlowChange(page, 'confirm', before, 'differs'));
      await page.waitForTimeout(200);
      undo.push(await timeFlowChange(page, 'undo', before, 'equals'));
      await page.waitForTimeout(200);
    }
    // (c) Typing in the YAML (reported only: the parse waits for a 150 ms pause by design).
    await page.locator('[data-testid=yaml-editor] .monaco-editor').waitFor({ timeout: 30_000 });
    const typing: number[] = [];
    for (let i = 0; i < samples; i++) {
      typing.push(await timeTyping(page));
      await page.waitForTimeout(200);
    }
    return {
      workloads,
      flowEdges,
      select: stats(select),
      selectFailures,
      allowEdit: stats(allowEdit),
      undo: stats(undo),
      typing: stats(typing),
      handleCovered,
    };
  } finally {
    await context.close();
  }
}
