// The reachability matrix of 1,000 workloads: time from a click on the Matrix tab to the grid
// drawn (and to the coverage summary), then frame gaps and long tasks while the grid scrolls.
import type { Browser, Page } from '@playwright/test';
import { syntheticWorkspace } from '../fixtures/synthetic-workspace.ts';
import { newContext, openWith, stats, waitForCanvas } from './editor-page.ts';
import type { Stats } from './editor-page.ts';

export interface MatrixFigures {
  readonly workloads: number;
  /** Click on the Matrix tab → every cell in view drawn (a fresh page each sample). */
  readonly open: Stats;
  /** Click on the Matrix tab → the coverage summary shown. */
  readonly coverage: Stats;
  /** Longest task from the click until the matrix is drawn, over all samples. */
  readonly openLongestTaskMs: number;
  readonly scroll: {
    readonly frames: number;
    readonly worstFrameGapMs: number;
    readonly longestTaskMs: number;
    /** Distinct scroll positions seen in frames: 1 means the grid never moved. */
    readonly positions: number;
  };
}

interface MatrixBench {
  tasks: { start: number; end: number }[];
  gaps: number[];
  positions: Set<string>;
  recording: boolean;
}

/** Installed before the app's scripts: long tasks, and frame gaps while `recording`. */
function instrument(): void {
  const b: MatrixBench = { tasks: [], gaps: [], positions: new Set(), recording: false };
  (window as unknown as { matrixBench: MatrixBench }).matrixBench = b;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      b.tasks.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: 'longtask', buffered: true });
  let last = 0;
  const frame = (t: number) => {
    if (b.recording) {
      if (last) b.gaps.push(t - last);
      const el = document.querySelector('[data-testid="matrix-grid"]');
      if (el) b.positions.add(`${el.scrollLeft},${el.scrollTop}`);
    }
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Clicks the Matrix tab; resolves with ms until drawn and until the coverage shows. */
function timeOpen(page: Page): Promise<{ open: number; coverage: number; longest: number }> {
  return page.evaluate(async () => {
    const b = (window as unknown as { matrixBench: MatrixBench }).matrixBench;
    const tab = [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find(
      (t) => t.textContent === 'Matrix',
    );
    if (!tab) throw new Error('no Matrix tab');
    const t0 = performance.now();
    tab.click();
    let open = 0;
    for (;;) {
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const view = document.querySelector<HTMLElement>('[data-testid="matrix-view"]');
      if (!open && view?.dataset['ready'] === 'true' && document.querySelector('.mx-rowhead'))
        open = performance.now() - t0;
      if (open && document.querySelector('[data-testid="coverage"]')) break;
      if (performance.now() - t0 > 30_000) throw new Error('the matrix never opened');
    }
    const coverage = performance.now() - t0;
    const longest = Math.max(
      0,
      ...b.tasks.filter((t) => t.end > t0 && t.start < t0 + open).map((t) => t.end - t.start),
    );
    return { open, coverage, longest };
  });
}

/** Wheel-scrolls the grid down, right, and back, as a reader skims it. */
async function scrollAround(page: Page): Promise<MatrixFigures['scroll']> {
  const box = await page.locator('[data-testid="matrix-grid"]').boundingBox();
  if (!box) throw new Error('no matrix grid');
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.7);
  const t0 = await page.evaluate(() => {
    const b = (window as unknown as { matrixBench: MatrixBench }).matrixBench;
    b.gaps = [];
    b.positions = new Set();
    b.recording = true;
    return performance.now();
  });
  for (const [dx, dy, times] of [
    [0, 400, 30],
    [400, 0, 20],
    [0, -400, 15],
    [-400, 0, 10],
  ] as const)
    for (let i = 0; i < times; i++) {
      await page.mouse.wheel(dx, dy);
      await page.waitForTimeout(16);
    }
  await page.waitForTimeout(300);
  return page.evaluate((start) => {
    const b = (window as unknown as { matrixBench: MatrixBench }).matrixBench;
    b.recording = false;
    return {
      frames: b.gaps.length,
      worstFrameGapMs: Math.round(Math.max(0, ...b.gaps)),
      longestTaskMs: Math.round(
        Math.max(0, ...b.tasks.filter((t) => t.end > start).map((t) => t.end - t.start)),
      ),
      positions: b.positions.size,
    };
  }, t0);
}

/**
 * `measureMatrix(browser, base, samples = 3)`: each sample opens the 1,000-workload workspace in
 * a fresh page, waits for the canvas, then clicks the Matrix tab; the last one also scrolls.
 */
export async function measureMatrix(
  browser: Browser,
  base: string,
  samples = 3,
): Promise<MatrixFigures> {
  const context = await newContext(browser);
  await context.addInitScript(instrument);
  const text = syntheticWorkspace(20, 50, 5);
  const open: number[] = [];
  const coverage: number[] = [];
  let longest = 0;
  let scroll: MatrixFigures['scroll'] = {
    frames: 0,
    worstFrameGapMs: 0,
    longestTaskMs: 0,
    positions: 0,
  };
  try {
    for (let i = 0; i < samples; i++) {
      const page = await context.newPage();
      await openWith(page, base, text);
      await waitForCanvas(page, 60_000);
      await page.waitForTimeout(500);
      const t = await timeOpen(page);
      open.push(t.open);
      coverage.push(t.coverage);
      longest = Math.max(longest, t.longest);
      if (i === samples - 1) {
        // The YAML pane finishes reading the large text in the background (Monaco's outline and
        // markers): let it, so the scroll measures the matrix and not the editor's start-up.
        await page.waitForTimeout(3000);
        scroll = await scrollAround(page);
      }
      await page.close();
    }
  } finally {
    await context.close();
  }
  return {
    workloads: 1000,
    open: stats(open),
    coverage: stats(coverage),
    openLongestTaskMs: Math.round(longest),
    scroll,
  };
}
