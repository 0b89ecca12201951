// A large workspace pasted through the clipboard into the YAML pane, as a person does it: the
// editor inserts it over several tasks (src/ui/yaml-pane/large-paste.ts), and must end exactly as
// an ordinary paste: the pasted text, the selection replaced, the cursor after it, one undo step.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { syntheticWorkspace } from '../fixtures/synthetic-workspace.ts';
import { EditorPage } from './pages/editor.ts';
import { CanvasPage } from './pages/canvas.ts';

// 1,500 workloads, ~0.7 MB: above the size pasted in pieces and above the YAML services' limit.
const LARGE = syntheticWorkspace(30, 50, 5);

/** The editor's whole text, copied out of it as a person would (Ctrl+A, Ctrl+C). */
async function copyAll(editor: EditorPage): Promise<string> {
  await editor.focusEditor();
  await editor.page.keyboard.press('Control+A');
  await editor.page.keyboard.press('Control+C');
  const text = await editor.page.evaluate<string>('navigator.clipboard.readText()');
  await editor.page.keyboard.press('Control+Home');
  return text;
}

/** A pasted workload on the canvas (the synthetic workspace's namespaces are team-N). */
const pastedNamespace = (page: Page) =>
  page.locator('.react-flow__node[data-id="ns:team-29"]').first();

test.beforeEach(async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
});

test('a large paste is the pasted text, undone in one step, and drawn', async ({ page }) => {
  test.setTimeout(120_000);
  const editor = new EditorPage(page);
  await editor.open();
  await new CanvasPage(page).settled();
  const before = await copyAll(editor);
  expect(before.length).toBeGreaterThan(0);

  // The height of the editor's lines, each frame: the paste arrives in pieces, frames between.
  await page.evaluate(`(() => {
    const lines = document.querySelector('[data-testid="yaml-editor"] .view-lines');
    const seen = (window.pasteHeights = []);
    const sample = () => {
      const h = lines.style.height;
      if (seen.at(-1) !== h) seen.push(h);
      if (seen.length < 100) requestAnimationFrame(sample);
    };
    sample();
  })()`);
  await editor.pasteAll(LARGE);
  await expect(pastedNamespace(page)).toBeVisible({ timeout: 60_000 });
  const heights = (await page.evaluate<string[]>('window.pasteHeights')).map((h) => parseInt(h));
  const whole = heights.at(-1) ?? 0;
  expect(whole).toBeGreaterThan(LARGE.split('\n').length * 19);
  // Frames drawn with part of the paste in: Monaco's own paste had none (it is one task).
  const partial = heights.filter((h) => h > (heights[0] ?? 0) && h < whole * 0.9);
  expect(partial.length).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-layout', 'done', {
    timeout: 60_000,
  });
  // The end of the paste is shown, as after an ordinary paste.
  const lastLine = LARGE.trimEnd().split('\n').at(-1) ?? '';
  await expect(editor.editor.locator('.view-lines')).toContainText(lastLine.trim());
  expect(await copyAll(editor)).toBe(LARGE);
  expect(await editor.savedText()).toBe(LARGE);

  await editor.focusEditor();
  await page.keyboard.press('Control+Z');
  await expect(pastedNamespace(page)).toHaveCount(0, { timeout: 60_000 });
  expect(await copyAll(editor)).toBe(before);

  await editor.focusEditor();
  await page.keyboard.press('Control+Shift+Z');
  await expect(pastedNamespace(page)).toBeVisible({ timeout: 60_000 });
  expect(await copyAll(editor)).toBe(LARGE);
  expect(editor.consoleErrors).toEqual([]);
});

test('a large paste replaces the selection and leaves the cursor after it, even when typed on at once', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const editor = new EditorPage(page);
  await editor.open();
  const small = 'first: 1\nsecond: 2\nthird: 3\n';
  await editor.pasteAll(small);
  await expect.poll(() => copyAll(editor)).toBe(small);

  // Select the second line, paste over it, and type straight away (before the paste is all in).
  await editor.focusEditor('start');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(LARGE)})`);
  await page.keyboard.press('Control+V');
  await page.keyboard.type('#typed');
  const expected = `first: 1\n${LARGE}#typedthird: 3\n`;
  await expect(pastedNamespace(page)).toBeVisible({ timeout: 60_000 });
  expect(await copyAll(editor)).toBe(expected);
  await expect.poll(() => editor.savedText(), { timeout: 10_000 }).toBe(expected);

  // Pasted line breaks take the file's kind, and the message says so, as for a small paste.
  const crlf = LARGE.replace(/\n/g, '\r\n');
  await editor.pasteAll(crlf);
  await expect(page.locator('.toast')).toContainText('Pasted with changes');
  await expect.poll(() => copyAll(editor), { timeout: 30_000 }).toBe(LARGE);
  expect(editor.consoleErrors).toEqual([]);
});
