// Finding things on the canvas and filtering it, as a person does: typing in the find box,
// choosing with the keyboard or the mouse, ticking filters; and how long find → centred takes with
// 1,000 workloads (measured in the page with performance.now() and printed).
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { syntheticWorkspace } from '../fixtures/synthetic-workspace.ts';
import { CanvasPage } from './pages/canvas.ts';
import { LEGACY_SAVE_KEY } from './pages/editor.ts';
import { SearchPage } from './pages/search.ts';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
] as const;

async function expectCentredAndReadable(
  search: SearchPage,
  node: ReturnType<CanvasPage['workload']>,
) {
  await expect(node).toHaveClass(/\bselected\b/);
  // A short glide in small workspaces: wait until it has landed.
  await expect.poll(() => search.offCentre(node), { timeout: 3000 }).toBeLessThan(40);
  expect(await search.namePx(node)).toBeGreaterThanOrEqual(10);
}

for (const size of SIZES) {
  test(`find by keyboard and by mouse, ${size.width}×${size.height}`, async ({ page }) => {
    const canvas = new CanvasPage(page);
    const search = new SearchPage(page);
    await page.setViewportSize(size);
    await canvas.open();

    // Typing lists matches by kind; the first is active, arrows move, Enter chooses.
    await search.type('ap');
    await expect(search.group('Workloads').getByRole('option').first()).toHaveText(/^api/);
    await expect(search.group('Labels')).toContainText('app=api');
    expect(await search.activeOption()).toMatch(/^api/);
    await search.shot(`list-${size.width}`);
    const axe = await new AxeBuilder({ page }).include('.canvas-finder').analyze();
    expect(axe.violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);
    await page.keyboard.press('ArrowDown');
    expect(await search.activeOption()).toBe(
      await search.list.getByRole('option').nth(1).textContent(),
    );
    await page.keyboard.press('ArrowUp');
    expect(await search.activeOption()).toMatch(/^api/);
    await page.keyboard.press('Enter');
    await expect(search.list).toBeHidden();
    await expect(search.box).toHaveValue('shop/api');
    await expectCentredAndReadable(search, canvas.workload('api', 'shop'));
    await expect(canvas.panel).toContainText('api');
    await search.shot(`chosen-${size.width}`);

    // Escape closes the list, a second Escape empties the box.
    await search.type('db');
    await page.keyboard.press('Escape');
    await expect(search.list).toBeHidden();
    await expect(search.box).toHaveValue('db');
    // ArrowUp opens it again at its last match.
    await page.keyboard.press('ArrowUp');
    await expect(search.list).toBeVisible();
    expect(await search.list.getByRole('option').count()).toBeGreaterThan(1);
    expect(await search.activeOption()).toBe(
      await search.list.getByRole('option').last().textContent(),
    );
    await page.keyboard.press('Escape');
    await expect(search.list).toBeHidden();
    await page.keyboard.press('Escape');
    await expect(search.box).toHaveValue('');

    // The mouse: click a match.
    await search.type('prom');
    await search.option(/^prometheus/).click();
    await expectCentredAndReadable(search, canvas.workload('prometheus', 'monitoring'));
    await expect(search.box).toBeFocused();
    expect(canvas.consoleErrors).toEqual([]);
  });
}

test('a label goes to its first workload and lists the rest; a policy to what it selects', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  const search = new SearchPage(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await canvas.open();

  await search.type('app=');
  for (const app of ['web', 'api', 'db', 'prometheus'])
    await expect(
      search.group('Labels').getByRole('option', { name: new RegExp(`^app=${app}`) }),
    ).toBeVisible();
  await search.type('tier=backend');
  await page.keyboard.press('Enter');
  await expectCentredAndReadable(search, canvas.workload('api', 'shop'));
  await expect(search.status).toContainText('tier=backend: one workload (api)');

  await search.type('default-deny');
  await expect(search.group('Policies').getByRole('option')).toHaveText([
    /^default-deny.*selects 3/,
  ]);
  await page.keyboard.press('Enter');
  await expect(canvas.panel).toContainText('default-deny');
  await expect(search.status).toContainText(
    'policy default-deny selects 3 workloads: web, api, db',
  );
  // The view centres on the three workloads it selects, names readable.
  const selected = ['web', 'api', 'db'].map((n) => canvas.workload(n, 'shop'));
  await expect
    .poll(async () => {
      const pane = (await page.locator('.react-flow').boundingBox())!;
      const bs = (await Promise.all(selected.map((n) => n.boundingBox()))).map((b) => b!);
      const cx = (Math.min(...bs.map((b) => b.x)) + Math.max(...bs.map((b) => b.x + b.width))) / 2;
      const cy = (Math.min(...bs.map((b) => b.y)) + Math.max(...bs.map((b) => b.y + b.height))) / 2;
      return Math.hypot(cx - (pane.x + pane.width / 2), cy - (pane.y + pane.height / 2));
    })
    .toBeLessThan(40);
  expect(await search.namePx(canvas.workload('web', 'shop'))).toBeGreaterThanOrEqual(10);
});

test('filters dim the workloads they leave out, which stay clickable; Clear restores', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  const search = new SearchPage(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await canvas.open();
  const all = await page.locator('.react-flow__node-workload').count();
  await expect(search.count()).toHaveText(`${all} workloads`);
  await expect(search.clear()).toHaveCount(0);

  await search.openFilters();
  await search.namespaceBox('monitoring').check();
  await expect(search.filtersButton()).toHaveText(/Filters \(1\)/);
  await expect(search.count()).toHaveText(`1 of ${all} workloads shown`);
  const dimmed = await search.dimmedWorkloads();
  expect(dimmed).toContain('shop/web');
  expect(dimmed).not.toContain('monitoring/prometheus');
  expect(dimmed).toHaveLength(all - 1);
  await expect(page.locator('.react-flow__node-workload.dimmed').first()).toHaveCSS(
    'opacity',
    '0.25',
  );
  // Rules between two workloads left out step back with them; a rule to what is kept does not.
  const inShop = canvas.edge(/^policy shop\/api ingress rule 1, peer 1: from web to api/);
  const scrape = canvas.edge(/^policy shop\/allow-prometheus-scrape ingress/);
  await expect(inShop.locator('.react-flow__edge-path')).toHaveCSS('opacity', '0.2');
  await expect(scrape.locator('.react-flow__edge-path')).toHaveCSS('opacity', '1');
  await search.shot('filter-namespace');
  await page.keyboard.press('Escape');
  await expect(search.namespaceBox('monitoring')).toBeHidden();
  await expect(search.filtersButton()).toBeFocused();

  // A dimmed workload can still be selected.
  await canvas.select(canvas.workload('web', 'shop'));
  await expect(canvas.workload('web', 'shop')).toHaveClass(/\bselected\b/);
  // Clear the selection: a selected workload also steps back the workloads it has no flow with.
  await page.evaluate(() => (document.querySelector('.react-flow__pane') as HTMLElement).click());
  await expect(canvas.workload('web', 'shop')).not.toHaveClass(/\bselected\b/);

  // Isolated only, in every namespace: the shop's workloads are isolated, prometheus is not.
  await search.openFilters();
  await search.namespaceBox('monitoring').uncheck();
  await page.keyboard.press('Escape');
  await search.openFilters();
  await search.checkbox('Isolated only').check();
  expect(await search.dimmedWorkloads()).toContain('monitoring/prometheus');
  expect(await search.dimmedWorkloads()).not.toContain('shop/api');
  // Denied flows: the default deny leaves each shop workload denying some peer.
  await search.checkbox('Isolated only').uncheck();
  await search.checkbox('Has denied flows').check();
  expect(await search.dimmedWorkloads()).toContain('monitoring/prometheus');
  for (const id of ['shop/web', 'shop/api', 'shop/db'])
    expect(await search.dimmedWorkloads()).not.toContain(id);
  await search.shot('filter-denied');

  await search.clear().click();
  expect(await search.dimmedWorkloads()).toEqual([]);
  await expect(search.count()).toHaveText(`${all} workloads`);
  await expect(search.checkbox('Has denied flows')).not.toBeChecked();
});

/** From the Enter key to the first frame in which the node's box is centred in the pane. */
async function timeEnterToCentred(page: Page, nodeId: string): Promise<number> {
  await page.evaluate((id) => {
    const w = window as unknown as { searchMs?: number };
    delete w.searchMs;
    const input = document.querySelector('[role="combobox"]') as HTMLElement;
    input.addEventListener(
      'keydown',
      (e) => {
        if (e.key !== 'Enter') return;
        const t0 = performance.now();
        const tick = () => {
          const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
          const r = document
            .querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`)
            ?.getBoundingClientRect();
          const off = r
            ? Math.hypot(
                r.x + r.width / 2 - (pane.x + pane.width / 2),
                r.y + r.height / 2 - (pane.y + pane.height / 2),
              )
            : Infinity;
          if (off < 40) w.searchMs = performance.now() - t0;
          else if (performance.now() - t0 < 20_000) requestAnimationFrame(tick);
          else w.searchMs = Infinity;
        };
        requestAnimationFrame(tick);
      },
      { capture: true, once: true },
    );
  }, nodeId);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => (window as unknown as { searchMs?: number }).searchMs !== undefined,
  );
  return page.evaluate(() => (window as unknown as { searchMs: number }).searchMs);
}

async function openLarge(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(
    ([key, t]) => localStorage.setItem(key, JSON.stringify({ text: t, positions: {} })),
    [LEGACY_SAVE_KEY, syntheticWorkspace(20, 50, 5)] as const,
  );
  await page.reload();
}

test('1,000 workloads: find → centred, timed in the page', async ({ page }) => {
  test.setTimeout(180_000);
  const canvas = new CanvasPage(page);
  const search = new SearchPage(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openLarge(page);
  // Large workspaces open with their namespaces collapsed: the search opens the one it needs.
  await expect(page.locator('.react-flow__node-namespace').first()).toBeVisible({
    timeout: 60_000,
  });
  await expect(canvas.canvas).toHaveAttribute('data-layout', 'done');
  await expect(search.count()).toHaveText('1,000 workloads');
  // Hundreds of rules between twenty boxes are not drawn at rest: the canvas says so, and
  // selecting a namespace draws its own rules.
  const note = page.locator('.canvas-dense-note');
  await expect(note).toHaveText(
    /^\d[\d,]* rules between these boxes: select one to see its rules$/,
  );
  await expect(page.locator('.react-flow__edge-policy')).toHaveCount(0);
  await page.locator('.react-flow__node-namespace[data-id="ns:team-0"] .ns-name').click();
  await expect(note).toContainText('showing those of the selection');
  await expect.poll(() => page.locator('.react-flow__edge-policy').count()).toBeGreaterThan(0);
  const ends = await page
    .locator('.react-flow__edge-policy')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  for (const id of ends) expect(id).toContain('ns:team-0');
  await search.shot('large-namespace-rules');
  await page.evaluate(() => (document.querySelector('.react-flow__pane') as HTMLElement).click());

  // The first find in a namespace opens it (collapsed at this size); the others find it open.
  const times: number[] = [];
  for (const id of [
    'team-7/svc-21',
    'team-7/svc-3',
    'team-7/svc-48',
    'team-7/svc-30',
    'team-7/svc-12',
    'team-7/svc-40',
  ]) {
    await search.type(id);
    await expect.poll(() => search.activeOption()).toMatch(/^svc-/);
    times.push(await timeEnterToCentred(page, id));
    const [ns, name] = id.split('/') as [string, string];
    await expectCentredAndReadable(search, canvas.workload(name, ns));
  }
  const open = times.slice(1).sort((a, b) => a - b);
  console.log(
    `1,000 workloads: find → centred ms: ${times[0]!.toFixed(0)} opening the namespace; then ${times
      .slice(1)
      .map((t) => t.toFixed(0))
      .join(', ')} (median ${open[2]!.toFixed(0)})`,
  );
  // Reliably met here once the namespace is open (a few ms to ~100 ms on a loaded machine);
  // opening a collapsed namespace relays out the canvas and is reported, not asserted.
  expect(open[2]!).toBeLessThan(300);
  await search.shot('large-1440');

  // The side panel's lists of a thousand ends hold only their choice until used (a selection
  // would otherwise build them every time); pressing one fills it before it opens.
  const to = canvas.allowTraffic('to');
  await expect(to.locator('option')).toHaveCount(1);
  await to.click();
  await expect.poll(() => to.locator('option').count()).toBeGreaterThan(900);
  await page.keyboard.press('Escape');
  await to.selectOption('team-3/svc-4');
  await expect(to).toHaveValue('team-3/svc-4');
  await canvas.panel
    .getByRole('button', { name: 'Choose ports for traffic to svc-4 (team-3)' })
    .click();
  await expect(canvas.popover).toHaveAccessibleName(/^Allow traffic from svc-40 to svc-4/);
  await page.keyboard.press('Escape');
  const from = canvas.panel.getByRole('combobox', { name: 'From', exact: true });
  await expect(from.locator('option')).toHaveCount(1);
  await from.focus();
  await expect.poll(() => from.locator('option').count()).toBeGreaterThan(900);

  await page.setViewportSize({ width: 1280, height: 720 });
  await search.type('tier=t2');
  await search.shot('large-list-1280');
});
