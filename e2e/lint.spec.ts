// Lint in the app: a classic mistake shows in the Problems list with its rule, as a marker on the
// text and as a badge on the canvas; Fix repairs it in one undo step; the built-in example stays
// quiet (its coverage suggestions folded away); and the draw-then-deny sequence of issue 10 is
// asked about before it breaks the drawn flows, never silent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CanvasPage } from './pages/canvas.ts';
import { EditorPage } from './pages/editor.ts';
import { LintPage } from './pages/lint.ts';

// The machine these run on is shared and slow: drawing two edges and three answers take a while.
test.describe.configure({ timeout: 180_000 });

const fixture = (path: string) =>
  readFileSync(join(import.meta.dirname, '../fixtures', path), 'utf8');

test('the built-in example reads "None", its coverage suggestions one click away', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const editor = new EditorPage(page);
  const canvas = new CanvasPage(page);
  const lint = new LintPage(page);
  await editor.open();
  await canvas.settled();
  await expect(lint.showSuggestions).toHaveText(/Show 3 suggestions/);
  await expect(page.locator('.problems-counts .count-ok')).toHaveText('None');
  await expect(lint.findings).toBeHidden();
  await expect(page.getByTestId('lint-badge')).toHaveCount(0);
  await lint.shot('01-example-1440');
  await lint.showSuggestions.click();
  await expect(lint.finding('namespace-without-default-deny')).toBeVisible();
  await expect(lint.finding('workload-not-selected')).toBeVisible();
  await lint.shot('02-example-suggestions-1440');
  expect(editor.consoleErrors).toEqual([]);
});

test('a label typo is listed, marked, badged, and Fix repairs it in one undo step', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  const canvas = new CanvasPage(page);
  const lint = new LintPage(page);
  await editor.open();
  await editor.pasteAll(fixture('lint/label-typo.yaml'));
  await canvas.settled();

  const typo = lint.finding('pod-selector-matches-nothing');
  await expect(typo).toBeVisible();
  await expect(typo).toContainText('apps=web');
  await expect(typo).toContainText('did you mean app=web');
  await expect(typo.locator('.problem-where')).toContainText(/pod-selector-matches-nothing/);
  // Warnings come before the folded suggestions, and the header counts them.
  await expect(page.locator('.problems-counts .count-warning')).toHaveText('1');
  await expect.poll(() => lint.markerCodes()).toContain('pod-selector-matches-nothing');

  const badge = lint.badge(canvas.workload('posts', 'blog'));
  await expect(badge).toBeVisible();
  await expect(badge).toHaveAttribute(
    'title',
    /pod-selector-matches-nothing: podSelector apps=web/,
  );
  await lint.shot('03-label-typo-1280');
  await page.setViewportSize({ width: 1440, height: 900 });
  await lint.shot('04-label-typo-1440');
  await page.setViewportSize({ width: 1280, height: 720 });

  // A keystroke away from the finding keeps its marker, where Monaco moved it, while lint reads
  // the new text (it used to be cleared and set again at every keystroke).
  await editor.focusEditor('end');
  await page.keyboard.type('#');
  const readings = await lint.markerCodesOver(700);
  expect(readings.length).toBeGreaterThan(10);
  expect(readings.filter((codes) => !codes.includes('pod-selector-matches-nothing'))).toEqual([]);
  // YAML broken by typing is not linted: its markers go, and come back once it reads again.
  await page.keyboard.press('Enter');
  await page.keyboard.type('{');
  await expect(page.getByTestId('yaml-editor')).toHaveAttribute('data-lint-markers', '');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect.poll(() => lint.markerCodes()).toContain('pod-selector-matches-nothing');

  // The badge selects its workload and shows the finding in the YAML.
  await badge.click();
  await expect(canvas.panel).toContainText('posts');

  await lint.fixButton('pod-selector-matches-nothing').click();
  await expect(typo).toHaveCount(0);
  await expect(badge).toHaveCount(0);
  expect(await canvas.yamlText()).toMatch(/matchLabels:\s*\{?\s*app: web/);
  await expect.poll(() => lint.markerCodes()).not.toContain('pod-selector-matches-nothing');

  // One undo step brings the mistake back.
  await editor.button('Undo').click();
  await expect(typo).toBeVisible();
  expect(editor.consoleErrors).toEqual([]);
});

test('draw frontend→api and api→db, then deny egress in both namespaces: asked, never silent', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  const canvas = new CanvasPage(page);
  const lint = new LintPage(page);
  await editor.open();
  await editor.pasteAll(fixture('draw-then-deny.yaml'));
  await canvas.settled();

  const web = canvas.workload('web', 'frontend');
  const api = canvas.workload('api', 'backend');
  const db = canvas.workload('db', 'backend');
  for (const [from, to, port] of [
    [web, api, 8080],
    [api, db, 5432],
  ] as const) {
    await canvas.dragEdge(from, to);
    await expect(canvas.popover).toBeVisible();
    await canvas.popover.getByRole('radio', { name: new RegExp(`TCP ${port}`) }).check();
    await canvas.popover.getByRole('button', { name: 'Allow' }).click();
    await expect(canvas.popover).toBeHidden();
  }
  await expect(lint.finding('half-open-flow')).toHaveCount(0);
  const drawn = await canvas.yamlText();

  // deny out in frontend would break web → api: the toggle asks first, and nothing changed yet.
  await lint.denyToggle('frontend', 'out').click();
  await expect(lint.question).toBeVisible();
  await expect(lint.question).toContainText('frontend/web → backend/api');
  expect(await canvas.yamlText()).toBe(drawn);
  await lint.shot('05-deny-question-1280');
  await page.setViewportSize({ width: 1440, height: 900 });
  await lint.shot('06-deny-question-1440');
  await page.setViewportSize({ width: 1280, height: 720 });
  await lint.answer('Keep the flows');
  await expect(lint.denyToggle('frontend', 'out')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('status').filter({ hasText: /keeping 1 drawn flow/ })).toBeVisible();
  await expect(lint.finding('half-open-flow')).toHaveCount(0);

  // deny out in backend would break api → db: denied as asked, then reported, not silent.
  await lint.denyToggle('backend', 'out').click();
  await expect(lint.question).toContainText('backend/api → backend/db');
  await lint.answer('Deny them');
  await expect(lint.denyToggle('backend', 'out')).toHaveAttribute('aria-pressed', 'true');
  const half = lint.finding('half-open-flow');
  await expect(half).toHaveCount(1);
  await expect(half).toContainText('backend/api → backend/db');
  await expect(lint.badge(api)).toBeVisible();
  await expect(lint.badge(db)).toBeVisible();
  await expect(lint.badge(web)).toHaveCount(0);
  await lint.shot('07-denied-reported-1280');

  // The finding's Fix keeps the flow after all.
  await lint.fixButton('half-open-flow').click();
  await expect(half).toHaveCount(0);
  expect(editor.consoleErrors).toEqual([]);
});
