// What an edit changes: a canvas gesture's newly denied flows are counted under Problems and
// listed by workload pair, undo is one click away, and a kept baseline or a file compares further
// back.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { CanvasPage } from './pages/canvas.ts';
import { ChangesPage } from './pages/changes.ts';

test('a default deny says which flows it newly denies; Undo takes it back', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const canvas = new CanvasPage(page);
  const changes = new ChangesPage(page);
  await canvas.open();
  await expect(changes.counts).toHaveText('None');

  // monitoring admits everything today: a default deny for ingress closes it to the shop.
  await denyIn(page, 'monitoring');
  await expect(changes.counts).toContainText(/✗ \d+ denied/);
  await changes.open();
  await expect(changes.summary).toHaveText(/^Your last edit newly denies \d+ flows?\.$/);
  const denied = await changes.rows('Newly denied');
  expect(denied.length).toBeGreaterThan(0);
  // Every listed flow goes into monitoring, whose pods the default deny now isolates.
  for (const row of denied) expect(row).toMatch(/→ monitoring\//);
  await page.screenshot({ path: '.scratch/changes/after-toggle-1440.png' });

  await changes.undoButton.click();
  await expect(changes.summary).toHaveText(/^Undo or redo newly allows \d+ flows?\.$/);
  expect((await changes.rows('Newly allowed')).sort()).toEqual([...denied].sort());
  expect(canvas.consoleErrors).toEqual([]);
});

test('a baseline compares across several edits; a file can be the baseline', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const canvas = new CanvasPage(page);
  const changes = new ChangesPage(page);
  await canvas.open();
  await changes.open();
  await changes.keepBaseline.click();
  await expect(changes.baselineRadio).toBeChecked();
  await expect(changes.summary).toHaveCount(0);
  const original = await page.evaluate(() => {
    const raw = localStorage.getItem('netpol-canvas:baseline:v1');
    return raw ? (JSON.parse(raw) as { text: string }).text : '';
  });
  expect(original).toContain('kind: NetworkPolicy');

  // Two gestures: monitoring denies ingress, then egress too.
  await denyIn(page, 'monitoring');
  await expect(changes.summary).toHaveText(
    /^Since the text of \d\d:\d\d, the manifests newly deny/,
  );
  const first = await changes.rows('Newly denied');
  await page
    .getByRole('button', { name: /^deny out: default deny egress in namespace monitoring/ })
    .click();
  // It breaks the scrapes shop admits from prometheus: lint asks first (e2e/lint.spec.ts).
  await page
    .getByRole('dialog', { name: /by default in monitoring/ })
    .getByRole('button', { name: 'Deny anyway' })
    .click();
  await expect
    .poll(async () => (await changes.rows('Newly denied')).length)
    .toBeGreaterThan(first.length);
  const both = await changes.rows('Newly denied');
  for (const row of first) expect(both).toContain(row);
  await page.screenshot({ path: '.scratch/changes/baseline-1280.png' });

  // The last edit alone: what the egress deny added.
  await changes.lastEditRadio.check();
  await expect(changes.summary).toHaveText(/^Your last edit newly denies/);
  const last = await changes.rows('Newly denied');
  expect(last.sort()).toEqual(both.filter((r) => !first.includes(r)).sort());
  expect(last.every((r) => /^monitoring\//.test(r))).toBe(true);

  // A file as the baseline: the example's own text gives the same answer as the kept one.
  await changes.fileInput.setInputFiles({
    name: 'reviewed.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from(original),
  });
  await expect(changes.baselineRadio).toBeChecked();
  await expect(changes.summary).toHaveText(/^Since reviewed\.yaml, the manifests newly deny/);
  expect((await changes.rows('Newly denied')).sort()).toEqual([...both].sort());

  // Forgetting the baseline goes back to the last edit.
  await changes.forget.click();
  await expect(changes.lastEditRadio).toBeChecked();
  expect(canvas.consoleErrors).toEqual([]);
});

async function denyIn(page: Page, namespace: string): Promise<void> {
  await page
    .getByRole('button', {
      name: new RegExp(`^deny in: default deny ingress in namespace ${namespace}`),
    })
    .click();
}
