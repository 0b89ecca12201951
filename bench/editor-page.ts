// Page helpers shared by the editor benchmarks: opening a workspace the way a returning user does
// (from the autosave), waiting for the canvas, and summarising samples.
import type { Browser, BrowserContext, Page } from '@playwright/test';

/** The autosave key the app restores from (see src/ui/workspace-io/autosave.ts). */
const SAVE_KEY = 'netpol-canvas:workspace:v1';

/**
 * A 1600 × 900 page. tsx compiles this code with esbuild's keepNames, which wraps named inner
 * functions in `__name(...)`; functions sent to the page keep those calls, so the page gets a
 * `__name` that does nothing.
 */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  return context;
}

export async function waitForCanvas(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('[data-testid=canvas][data-layout=done]').waitFor({ timeout });
  // Large workspaces open with their namespaces collapsed: any node will do.
  await page.locator('.react-flow__node').first().waitFor({ timeout });
}

/** Opens every collapsed namespace (its ▸ button), for measures of the full picture. */
export async function expandAll(page: Page, timeout = 60_000): Promise<void> {
  await page.evaluate(() => {
    for (const b of document.querySelectorAll<HTMLButtonElement>(
      'button[aria-label^="Expand namespace"]',
    ))
      b.click();
  });
  await page.locator('button[aria-label^="Expand namespace"]').first().waitFor({
    state: 'detached',
    timeout,
  });
  await waitForCanvas(page, timeout);
  await page.locator('.react-flow__node-workload').first().waitFor({ timeout });
}

/** Saves `text` as the workspace, then reloads: the app opens it as it opens saved work. */
export async function openWith(page: Page, base: string, text: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.evaluate(
    ([key, t]) => localStorage.setItem(key, JSON.stringify({ text: t, positions: {} })),
    [SAVE_KEY, text] as const,
  );
  await page.reload();
}

/**
 * Selects a workload as a click does and times until it is highlighted with its current flows
 * (`data-highlight` is set once they are computed, also when a worker computes them) and drawn.
 * The node is looked up by its `data-id` at the moment of the click: `null` when it is not in the
 * DOM then (React Flow renders only what is visible above 150 nodes, so a node seen earlier may
 * have left).
 */
export function timeSelectIfPresent(page: Page, id: string): Promise<number | null> {
  return page.evaluate(async (nodeId) => {
    const canvas = document.querySelector<HTMLElement>('[data-testid="canvas"]')!;
    const node = document.querySelector(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`);
    if (!node) return null;
    const t0 = performance.now();
    node.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    for (;;) {
      // The highlight attribute commits in the same render as the flows (allowed ones drawn,
      // denied ones summarised by markers): the frame after it is the picture the user sees.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      if (canvas.dataset['highlight'] === nodeId) return performance.now() - t0;
      if (performance.now() - t0 > 10_000) throw new Error(`no highlight of ${nodeId}`);
    }
  }, id);
}

/** As `timeSelectIfPresent`, for a node known to be there: throws when it is not. */
export async function timeSelect(page: Page, id: string): Promise<number> {
  const ms = await timeSelectIfPresent(page, id);
  if (ms === null) throw new Error(`no node ${id}`);
  return ms;
}

/**
 * The workload nodes lying wholly inside the canvas pane right now, by `data-id`, in document
 * order: the ones a person could click.
 */
export function workloadsOnScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!pane) return [];
    return [...document.querySelectorAll('.react-flow__node-workload')]
      .filter((n) => {
        const r = n.getBoundingClientRect();
        return (
          r.width > 0 &&
          r.left >= pane.left &&
          r.right <= pane.right &&
          r.top >= pane.top &&
          r.bottom <= pane.bottom
        );
      })
      .map((n) => n.getAttribute('data-id') ?? '')
      .filter((id) => id !== '');
  });
}

/** One timed selection, or why there is none. */
export type SelectOutcome =
  { readonly ms: number; readonly id: string } | { readonly failure: string };

/**
 * Picks the `k`-th of `of` spread positions among the workloads on screen right before the click,
 * and times its selection; when the node has left the DOM in between, picks again once. Never
 * throws for a node that went away or a highlight that never came: the failure is returned.
 */
export async function selectOnScreen(page: Page, k: number, of: number): Promise<SelectOutcome> {
  let last = 'no workload on screen';
  for (let attempt = 0; attempt < 2; attempt++) {
    const onScreen = await workloadsOnScreen(page);
    if (onScreen.length === 0) continue;
    const id = onScreen[Math.floor(((k + 0.5) * onScreen.length) / of) % onScreen.length]!;
    try {
      const ms = await timeSelectIfPresent(page, id);
      if (ms !== null) return { ms, id };
      last = `${id} left the DOM before the click`;
    } catch (e) {
      last = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    }
  }
  return { failure: last };
}

/** Clicks empty canvas and waits until nothing is highlighted. */
export async function deselect(page: Page): Promise<void> {
  await page.evaluate(async () => {
    document.querySelector<HTMLElement>('.react-flow__pane')!.click();
    const canvas = document.querySelector<HTMLElement>('[data-testid="canvas"]')!;
    const t0 = performance.now();
    while (canvas.dataset['highlight'] !== '' && performance.now() - t0 < 10_000)
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  });
  await page.waitForTimeout(100);
}

export interface Stats {
  readonly n: number;
  readonly median: number;
  readonly p90: number;
  readonly max: number;
  readonly samples: readonly number[];
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return {
    n: s.length,
    // Upper median, as in bench/run.mjs.
    median: round1(s[Math.floor(s.length / 2)] ?? NaN),
    p90: round1(at(0.9)),
    max: round1(s[s.length - 1] ?? NaN),
    samples: samples.map(round1),
  };
}
