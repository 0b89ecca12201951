// axe finds no serious or critical violation in our own UI, in the states a newcomer meets.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { EditorPage } from './pages/editor.ts';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    // Allowlist: Monaco's internals (its hidden textarea, line numbers and decorations) are a
    // third-party widget with its own accessibility model; our label on it is still checked via
    // the editor host.
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

test('no serious or critical axe violations: loaded, broken YAML, menu open, dialog open', async ({
  page,
}) => {
  const app = new EditorPage(page);
  await app.open();
  expect(await seriousViolations(page)).toEqual([]);

  await app.focusEditor('start');
  await page.keyboard.type('key: value: oops\n');
  await expect(app.banner).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Examples' }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await app.shot('08-examples-menu');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Examples' })).toBeFocused();

  await app.button('New workspace').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
