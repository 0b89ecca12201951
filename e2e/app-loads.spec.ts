// The app must load from its own origin alone, without console errors, with the example open.
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/editor.ts';

test('the app loads offline with the example, without console errors', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open();
  await expect(page).toHaveTitle(/netpol-canvas/);
  await expect(app.editor).toContainText('A three-tier shop');
  await expect(page.getByRole('button', { name: /^Problems/ })).toContainText('None');
  for (const name of ['New workspace', 'Import files', 'Undo', 'Redo', 'Auto-layout', 'Fit view']) {
    await expect(app.button(name)).toBeAttached();
  }
  for (const name of ['Add namespace', 'Add workload', 'Add external network']) {
    await expect(app.button(name)).toBeAttached();
  }
  // Let the YAML worker start and report, so a late error or fetch would be caught.
  await page.waitForTimeout(1500);
  await app.shot('01-loaded');
  expect(app.consoleErrors).toEqual([]);
  expect(app.foreignRequests).toEqual([]);
});
