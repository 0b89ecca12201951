// Canvas performance in Chromium: highlighting a workload's flows with 200 workloads and 100
// policies, and opening and panning 1,000 workloads. Times are measured in the page with
// performance.now() and printed, so a run reports what it measured.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { syntheticWorkspace as workspace } from '../fixtures/synthetic-workspace.ts';
import { CanvasPage } from './pages/canvas.ts';

const SAVE_KEY = 'netpol-canvas:workspace:v1';

async function openWith(page: Page, text: string): Promise<void> {
  await page.goto('/');
  await page.evaluate(
    ([key, t]) => localStorage.setItem(key, JSON.stringify({ text: t, positions: {} })),
    [SAVE_KEY, text] as const,
  );
  await page.reload();
}

/** Clicks a node in the page and times until the highlight is committed and a frame painted. */
async function timeHighlight(page: Page, id: string): Promise<number> {
  return page.evaluate(async (nodeId) => {
    const el = document.querySelector(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`);
    const canvas = document.querySelector('[data-testid="canvas"]') as HTMLElement;
    if (!el) throw new Error(`no node ${nodeId}`);
    const t0 = performance.now();
    el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    for (;;) {
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      if (canvas.dataset['highlight'] === nodeId) return performance.now() - t0;
      if (performance.now() - t0 > 5000) throw new Error('highlight never came');
    }
  }, id);
}

/**
 * At Fit view, opens namespace team-7 (its ▸ button), highlights team-7/svc-21 (timed) and draws
 * its denied flows too.
 */
async function openAndHighlight(page: Page, canvas: CanvasPage): Promise<number> {
  await page.getByRole('button', { name: 'Fit view', exact: true }).first().click();
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    document
      .querySelector<HTMLButtonElement>('button[aria-label="Expand namespace team-7"]')
      ?.click();
  });
  await expect(page.locator('.react-flow__node[data-id="team-7/svc-21"]')).toBeAttached({
    timeout: 30_000,
  });
  await canvas.settled();
  const ms = await timeHighlight(page, 'team-7/svc-21');
  await canvas.showDeniedFlows();
  return ms;
}

test('200 workloads and 100 policies: highlighting stays interactive (median under 400 ms here; npm run bench holds the 100 ms target)', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  await page.setViewportSize({ width: 1600, height: 900 });
  await openWith(page, workspace(10, 20, 10));
  // 200 workloads open as a map of collapsed namespaces: each one is opened (its ▸ button) before
  // one of its workloads is selected.
  await expect(page.locator('.react-flow__node-namespace.collapsed')).toHaveCount(10, {
    timeout: 30_000,
  });
  const times: number[] = [];
  for (const id of [
    'team-0/svc-1',
    'team-3/svc-7',
    'team-9/svc-19',
    'team-5/svc-0',
    'team-0/svc-1',
  ]) {
    const ns = id.slice(0, id.indexOf('/'));
    await page.evaluate((name) => {
      document
        .querySelector<HTMLButtonElement>(`button[aria-label="Expand namespace ${name}"]`)
        ?.click();
    }, ns);
    await expect(page.locator(`.react-flow__node[data-id="${id}"]`)).toBeAttached();
    await canvas.settled();
    await page.evaluate(() => (document.querySelector('.react-flow__pane') as HTMLElement).click());
    times.push(await timeHighlight(page, id));
  }
  const flows = await page
    .locator(
      '.react-flow__edge.flow-allowed, .react-flow__edge.flow-denied, .react-flow__edge.flow-partial',
    )
    .count();
  console.log(
    `highlight ms (200 workloads, 100 policies): ${times.map((t) => t.toFixed(1)).join(', ')}; flow edges drawn: ${flows}`,
  );
  await canvas.shot('perf-200');
  const sorted = [...times].sort((a, b) => a - b);
  // The target is 100 ms on a quiet machine; the shared CI box with software rendering is slower,
  // so the gate catches regressions (a frozen or quadratic highlight) rather than the target.
  expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(400);
});

test('1,000 workloads open and pan without freezing the page', async ({ page }) => {
  const canvas = new CanvasPage(page);
  await page.setViewportSize({ width: 1600, height: 900 });
  const t0 = Date.now();
  await openWith(page, workspace(20, 50, 5));
  // 1,000 workloads open as a map of collapsed namespaces.
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
  const openMs = Date.now() - t0;
  // The map laid out and fitted (the frame after): a pan before that is undone by the fit.
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-layout', 'done', {
    timeout: 30_000,
  });
  await page.waitForTimeout(300);
  // Measure the longest gap between frames while dragging the pane.
  await page.evaluate(() => {
    const w = window as unknown as { gaps: number[]; stop: boolean };
    w.gaps = [];
    w.stop = false;
    let last = performance.now();
    const tick = (t: number) => {
      w.gaps.push(t - last);
      last = t;
      if (!w.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // Grab the empty pane itself (not an edge or a node), as a person pans.
  const grab = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane');
    const r = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
    for (let y = r.bottom - 60; y > r.top + 60; y -= 20)
      for (let dx = 0; dx < r.width / 2 - 60; dx += 20)
        for (const x of [r.left + r.width / 2 - dx, r.left + r.width / 2 + dx])
          if (document.elementFromPoint(x, y) === pane) return { x, y };
    return null;
  });
  expect(grab).not.toBeNull();
  const viewport = () =>
    page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  const before = await viewport();
  await page.mouse.move(grab!.x, grab!.y);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(grab!.x - i * 25, grab!.y - i * 10);
  await page.mouse.up();
  expect(await viewport()).not.toBe(before);
  const worst = await page.evaluate(() => {
    const w = window as unknown as { gaps: number[]; stop: boolean };
    w.stop = true;
    return Math.max(...w.gaps.slice(1));
  });
  console.log(
    `1,000 workloads: first nodes after ${openMs} ms; worst frame gap while panning ${worst.toFixed(0)} ms`,
  );
  await canvas.shot('perf-1000');
  expect(worst).toBeLessThan(1000);

  // At 1,000 workloads the page computes a selection's flows, probed once per pod class.
  const highlightMs = await openAndHighlight(page, canvas);
  await page.waitForTimeout(300);
  const flows = await page.locator('.react-flow__edge-flow').count();
  console.log(`1,000 workloads: highlight after ${highlightMs.toFixed(0)} ms, ${flows} flow edges`);
  // One edge per workload of its own namespace and per other (collapsed) namespace, each way.
  expect(flows).toBe(2 * 49 + 2 * 19);
});

test("3,000 workloads: a selection's flows come from the worker, and a namespace edge lists and explains its workloads", async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openWith(page, workspace(60, 50, 5));
  await expect(page.locator('.react-flow__node-namespace.collapsed')).toHaveCount(60, {
    timeout: 60_000,
  });
  const highlightMs = await openAndHighlight(page, canvas);
  await expect(page.locator('.react-flow__edge-flow')).toHaveCount(2 * 49 + 2 * 59);
  console.log(`3,000 workloads: highlight from the worker after ${highlightMs.toFixed(0)} ms`);

  // A namespace's edge: its label counts the workloads by verdict; a click lists each of them.
  // One a person can click: inside the canvas and not under anything else.
  const title = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    for (const l of document.querySelectorAll<HTMLElement>('.flow-label[title^="flows from"]')) {
      const r = l.getBoundingClientRect();
      const [x, y] = [r.x + r.width / 2, r.y + r.height / 2];
      const inside = r.left >= pane.left && r.right <= pane.right && r.top >= pane.top;
      if (inside && r.bottom <= pane.bottom && l.contains(document.elementFromPoint(x, y)))
        return l.title;
    }
    return '';
  });
  const label = page.locator(`.flow-label[title="${title}"]`);
  const [, from, to] = /^flows from (.+) to (.+), 50 workloads: /.exec(title) ?? [];
  expect(from && to, title).toBeTruthy();
  await label.click();
  const group = page.getByRole('region', { name: 'Flows' });
  await expect(group.getByRole('heading')).toContainText('→');
  const members = group.locator('button.flow-member');
  await expect(members).toHaveCount(50);
  const counts = await label.evaluate((l) =>
    [...l.querySelectorAll('span')].map((s) => s.textContent ?? ''),
  );
  // The label's counts are the list's: ✓ allowed, ◐ some ports, ✗ denied.
  for (const [mark, state] of [
    ['✓', 'allowed'],
    ['◐', 'partial'],
    ['✗', 'denied'],
  ] as const) {
    const shown = Number(counts.find((c) => c.startsWith(mark))?.slice(2) ?? 0);
    await expect(group.locator(`button.flow-member.${state}`)).toHaveCount(shown);
  }
  // One workload's flow is explained port by port, as a single flow is.
  const first = (await members.first().getAttribute('aria-label')) ?? '';
  await members.first().click();
  const flow = page.getByRole('region', { name: 'Flow' });
  await expect(flow.getByRole('heading', { name: /^Flow .+ → / })).toContainText('team-7/svc-21');
  // The verdict of each port is the one the list gave it.
  for (const [, verdict, port] of first.matchAll(/(allowed|denied) on TCP (\d+)/g))
    await expect(
      flow
        .getByRole('status')
        .filter({ hasText: `on TCP ${port}` })
        .first(),
    ).toContainText(verdict === 'allowed' ? 'Allowed' : 'Denied');
  await canvas.shot('perf-3000-group');
});

/** The 1-based line of `tier: t2` in the `from` podSelector of policy p-1 in `namespace`. */
function fromTierLine(text: string, namespace: string): number {
  const doc = text.indexOf(`name: p-1\n  namespace: ${namespace}\n`);
  const at = text.indexOf('\n              tier: t2\n', doc);
  expect(doc >= 0 && at >= 0, `p-1 of ${namespace} in the text`).toBe(true);
  return text.slice(0, at + 1).split('\n').length;
}

test('3,000 workloads: a character typed in a policy redraws the selection once, with its new verdicts', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  const text = workspace(60, 50, 5);
  await openWith(page, text);
  await expect(page.locator('.react-flow__node-namespace.collapsed')).toHaveCount(60, {
    timeout: 60_000,
  });
  await openAndHighlight(page, canvas);
  const denied = page.locator('.legend-denied');
  await expect(denied).toBeVisible();
  const before = (await denied.textContent()) ?? '';

  // p-1 of team-7 isolates svc-21 (tier t1) and admits tier t2 of team-7: `t2x` admits nothing.
  await page.getByRole('textbox', { name: 'Workspace YAML' }).focus();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(fromTierLine(text, 'team-7')));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await expect(
    page.locator('[data-testid=yaml-editor] .view-overlays .current-line'),
  ).toBeAttached();
  const cursorLine = await page.evaluate(() => {
    const editor = document.querySelector('[data-testid=yaml-editor] .monaco-editor')!;
    const top = editor.querySelector('.view-overlays .current-line')!.getBoundingClientRect().top;
    const line = [...editor.querySelectorAll('.view-lines .view-line')].find(
      (l) => Math.abs(l.getBoundingClientRect().top - top) < 2,
    );
    return (line?.textContent ?? '').replace(/\u00a0/g, ' ').trim();
  });
  expect(cursorLine).toBe('tier: t2');

  // Whether the canvas ever showed the edit with verdicts still being computed (aria-busy).
  const watchBusy = () =>
    page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="canvas"]')!;
      const w = window as unknown as { busySeen: boolean };
      w.busySeen = false;
      new MutationObserver(() => {
        if (el.querySelector('[aria-busy="true"]') || el.getAttribute('aria-busy') === 'true')
          w.busySeen = true;
      }).observe(el, { attributes: true, subtree: true, attributeFilter: ['aria-busy'] });
    });
  const busySeen = () => page.evaluate(() => (window as unknown as { busySeen: boolean }).busySeen);
  await watchBusy();
  await page.keyboard.press('x');
  await expect(denied).not.toHaveText(before, { timeout: 30_000 });
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-highlight', 'team-7/svc-21');
  const after = (await denied.textContent()) ?? '';
  // More of the selection's flows are denied: tier t2 of team-7 lost its way in.
  const count = (s: string) => Number(/\d+/.exec(s)?.[0] ?? NaN);
  expect(count(after)).toBeGreaterThan(count(before));
  expect(await busySeen()).toBe(false);
  await canvas.shot('perf-3000-typed');

  await page.keyboard.press('Backspace');
  await expect(denied).toHaveText(before, { timeout: 30_000 });
  expect(await busySeen()).toBe(false);
});
