// Dark mode follows the system setting: with the OS set to dark, the whole app (toolbar, YAML
// editor, canvas, side panel, problems) is dark, its edge labels stay readable, axe stays clean,
// and turning the setting back to light while the app is open turns it light again.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { CanvasPage } from './pages/canvas.ts';
import { EditorPage } from './pages/editor.ts';
import { THEMED_SURFACES, ThemePage } from './pages/theme.ts';
import type { Surface } from './pages/theme.ts';

/** Dark surfaces are near black; light ones near white (WCAG luminance). */
const DARK = 0.05;
const LIGHT = 0.6;
const SURFACES = Object.keys(THEMED_SURFACES) as Surface[];

async function seriousViolations(page: Page) {
  // The same allowlist as a11y.spec.ts: Monaco's internals are a third-party widget.
  const results = await new AxeBuilder({ page })
    .exclude('.monaco-editor .view-lines')
    .exclude('.monaco-editor .margin')
    .exclude('.monaco-editor .overflow-guard > textarea.ime-text-area')
    .exclude('.monaco-editor .monaco-scrollable-element')
    .exclude('.monaco-aria-container')
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function expectScheme(theme: ThemePage, scheme: 'light' | 'dark') {
  await expect
    .poll(async () => {
      const lum = await theme.luminance();
      return SURFACES.filter((s) => {
        const l = lum[s];
        return l === null || (scheme === 'dark' ? l > DARK : l < LIGHT);
      }).map((s) => `${s}: ${lum[s]?.toFixed(3) ?? 'missing'}`);
    })
    .toEqual([]);
}

async function expectReadableLabels(theme: ThemePage) {
  const labels = await theme.edgeLabelContrasts();
  expect(labels.length).toBeGreaterThan(0);
  expect(
    labels.filter((l) => l.ratio < 4.5).map((l) => `${l.text} ${l.color} on ${l.background}`),
  ).toEqual([]);
}

test('dark mode follows the system: the whole app turns dark, reads, and turns light again', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const theme = new ThemePage(page);
  await theme.system('dark');
  const app = new EditorPage(page);
  const canvas = new CanvasPage(page);
  await app.open();
  await canvas.settled();

  await expectScheme(theme, 'dark');
  await expectReadableLabels(theme);
  await theme.shot('dark-1440-overview');

  await canvas.select(canvas.workload('api', 'shop'));
  await expect(canvas.flow('web', 'api')).toHaveCount(1);
  await expect(page.locator('.flow-label').first()).toBeVisible();
  await expect(canvas.panel.getByRole('heading', { name: /api/ })).toBeVisible();
  await expectScheme(theme, 'dark');
  await expectReadableLabels(theme);
  expect(await seriousViolations(page)).toEqual([]);
  await theme.shot('dark-1440-selected');

  // The OS switches back to light while the app is open: no reload.
  await theme.system('light');
  await expectScheme(theme, 'light');
  await expectReadableLabels(theme);
  expect(app.consoleErrors).toEqual([]);
});

test('dark mode at 1280×720: overview and a selected workload', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const theme = new ThemePage(page);
  await theme.system('dark');
  const canvas = new CanvasPage(page);
  await canvas.open();
  await expectScheme(theme, 'dark');
  await theme.shot('dark-1280-overview');
  await canvas.select(canvas.workload('api', 'shop'));
  await expect(canvas.flow('web', 'api')).toHaveCount(1);
  await expect(page.locator('.flow-label').first()).toBeVisible();
  await expectReadableLabels(theme);
  await theme.shot('dark-1280-selected');
});

test('dark mode: the connect popover, the toast, the banner, a menu and a dialog are dark', async ({
  page,
}) => {
  // Five axe runs on a shared machine.
  test.slow();
  await page.setViewportSize({ width: 1440, height: 900 });
  const theme = new ThemePage(page);
  await theme.system('dark');
  const app = new EditorPage(page);
  const canvas = new CanvasPage(page);
  await app.open();
  await canvas.settled();
  const dark = async (selector: string) =>
    expect.poll(() => theme.paintedLuminance(selector)).toBeLessThan(DARK);

  await canvas.dragEdge(canvas.workload('web', 'shop'), canvas.workload('db', 'shop'));
  await expect(canvas.popover).toBeVisible();
  await dark('.connect-popover');
  expect(await seriousViolations(page)).toEqual([]);
  await theme.shot('dark-1440-popover');
  await canvas.popover.getByRole('radio', { name: /TCP 5432/ }).check();
  await canvas.popover.getByRole('button', { name: 'Allow' }).click();
  await expect(page.locator('.toast')).toBeVisible();
  // The toast stands out from the dark canvas, lighter than it but still a dark pill.
  await dark('.toast');
  await theme.shot('dark-1440-toast');

  await app.focusEditor('start');
  await page.keyboard.type('key: value: oops\n');
  await expect(app.banner).toBeVisible();
  await dark('.banner');
  expect(await seriousViolations(page)).toEqual([]);
  await theme.shot('dark-1440-banner');

  await page.getByRole('button', { name: 'Examples' }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await dark('.menu');
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await app.button('New workspace').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await dark('.dialog');
  expect(await seriousViolations(page)).toEqual([]);
  await theme.shot('dark-1440-dialog');
});
