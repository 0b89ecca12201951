// Typing, pasting, invalid YAML, monaco-yaml's own diagnostics, undo/redo and reload, acted out
// in the YAML pane the way a person would.
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/editor.ts';
import { syntheticWorkspace } from '../fixtures/synthetic-workspace.ts';

const POLICY_ONLY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: myapp
spec:
  podSelector:
    matchLabels:
      tier: api
  ingress:
    - from:
        - podSelector:
            matchLabels:
              tier: web
      ports:
        - port: 70000
`;

test('invalid YAML shows a marker, a problem and the banner, and the text is kept', async ({
  page,
}) => {
  const app = new EditorPage(page);
  await app.open();
  await app.focusEditor('start');
  await page.keyboard.type('key: value: oops\n');
  await expect(app.banner).toBeVisible();
  await expect(app.problems.getByRole('button', { name: /^Error: .*line 1:/ })).toBeVisible();
  await expect(app.editor.locator('.squiggly-error').first()).toBeAttached();
  expect(await app.savedText()).toMatch(/^key: value: oops\n# A three-tier shop/);
  // Canvas gestures are refused while the YAML is broken.
  await expect(app.button('Add namespace')).toBeDisabled();
  await app.shot('02-invalid-yaml');

  // Clicking the problem puts the caret on its line.
  await app.problems.getByRole('button').first().click();
  await expect(app.editor.locator('.current-line').first()).toBeAttached();

  // Fixing it brings the canvas back.
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Delete');
  await expect(app.banner).toBeHidden();
  expect(await app.savedText()).toMatch(/^# A three-tier shop/);
  expect(app.consoleErrors).toEqual([]);
});

test('canary: monaco-yaml schema diagnostics still arrive from the YAML worker', async ({
  page,
}) => {
  const app = new EditorPage(page);
  await app.open();
  // podSelector must be an object; only the bundled schema in the YAML worker says so in Monaco.
  await app.pasteAll(
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: x\nspec:\n  podSelector: 5\n',
  );
  await expect.poll(() => app.markerCount('yaml'), { timeout: 20_000 }).toBeGreaterThan(0);
  // The marker is counted a frame before its squiggle is drawn: wait for the squiggle itself,
  // then point at it (the text layer lies over it, hence no hit-target check).
  const squiggle = app.editor.locator('.squiggly-warning, .squiggly-error').first();
  await expect(squiggle).toBeVisible();
  await squiggle.hover({ force: true });
  await expect(
    page
      .locator('.monaco-hover')
      .getByText(/Incorrect type/)
      .first(),
  ).toBeVisible();
  await app.shot('03-yaml-worker-marker');
});

test('pasting policy-only YAML updates the problems; fixing it clears them', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open();
  await app.pasteAll(POLICY_ONLY);
  await expect(app.problems.getByRole('button', { name: /70000/ }).first()).toBeVisible();
  expect(await app.savedText()).toBe(POLICY_ONLY);
  // The policy is rejected, so its pods show as open: the canvas says why.
  const rejected = page
    .getByRole('status')
    .filter({ hasText: 'NetworkPolicy myapp/api has errors' });
  await expect(rejected).toContainText('the verdicts leave it out');
  await app.shot('04-pasted-policy');
  await rejected.getByRole('button', { name: /^Go to line 16$/ }).click();
  await expect(app.editor.locator('.view-line').filter({ hasText: '70000' })).toBeVisible();
  await app.pasteAll(POLICY_ONLY.replace('70000', '8080'));
  await expect(page.getByRole('button', { name: /^Problems/ })).toContainText('None');
  await expect(app.banner).toBeHidden();
  await expect(rejected).toBeHidden();
});

test('undo and redo cover typing, from the keyboard and the toolbar', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open();
  await expect(app.button('Undo')).toBeDisabled();
  await app.focusEditor('start');
  await page.keyboard.type('# first\n');
  await page.waitForTimeout(1000); // a pause ends the typing burst: a separate undo step
  await page.keyboard.type('# second\n');
  await expect.poll(() => app.savedText()).toMatch(/^# first\n# second\n# A three-tier/);

  await page.keyboard.press('Control+Z');
  await expect.poll(() => app.savedText()).toMatch(/^# first\n# A three-tier/);
  await app.button('Undo').click();
  await expect.poll(() => app.savedText()).toMatch(/^# A three-tier/);
  await expect(app.editor).not.toContainText('# first');

  await app.button('Redo').click();
  await expect(app.editor).toContainText('# first');
  await app.focusEditor('start');
  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(() => app.savedText()).toMatch(/^# first\n# second\n/);
});

test('reload restores the work', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open();
  await app.focusEditor('start');
  await page.keyboard.type('# my change\n');
  await expect.poll(() => app.savedText()).toMatch(/^# my change\n/);
  await page.reload();
  await app.waitForEditor();
  await expect(app.editor).toContainText('# my change');
  expect(app.consoleErrors).toEqual([]);
});

/** A workspace large enough for the worker (1,200 pods), one bad port in its last document. */
function largeWorkspace(): string {
  const pods = Array.from(
    { length: 1200 },
    (_, i) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  namespace: big\n  labels:\n    app: a${i % 40}\nspec:\n  containers:\n    - name: c\n      image: example/app:1.0\n      ports:\n        - containerPort: ${8000 + (i % 50)}\n`,
  );
  // One bad port at the end proves the worker's result (not a stale parse) reached the list.
  return `${pods.join('---\n')}---\n${POLICY_ONLY}`;
}

test('a large pasted workspace is parsed in the worker and its problems show', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open();
  const big = largeWorkspace();
  expect(big.length).toBeGreaterThan(200_000);
  const parseWorker = page.waitForEvent('worker', (w) => /parse\.worker/.test(w.url()));
  await app.pasteAll(big);
  await parseWorker;
  await expect(app.problems.getByRole('button', { name: /70000/ }).first()).toBeVisible({
    timeout: 15_000,
  });
  expect(app.consoleErrors).toEqual([]);
});

test('typing above a large workspace moves its problems with their lines', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open();
  await app.pasteAll(largeWorkspace());
  const problem = app.problems.getByRole('button', { name: /70000/ }).first();
  await expect(problem).toBeVisible({ timeout: 15_000 });
  // Two lines typed at the very top: every document below moves down (the worker takes them over
  // from its last read, the page from its last copy).
  await app.focusEditor('start');
  await page.keyboard.type('# top\n# of the file\n');
  await expect
    .poll(() => app.savedText().then((t) => t.startsWith('# top\n# of the file\n')), {
      timeout: 15_000,
    })
    .toBe(true);
  await expect(problem).toBeVisible();
  // The problem names its new line, and still takes the caret to its port there.
  await expect(problem).toContainText('line 16818:17');
  await problem.click();
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const editor = document.querySelector('.monaco-editor');
          const current = editor?.querySelector('.current-line');
          if (!editor || !current) return null;
          const top = current.getBoundingClientRect().top;
          const at = (selector: string) =>
            [...editor.querySelectorAll(selector)]
              .find((l) => Math.abs(l.getBoundingClientRect().top - top) < 2)
              ?.textContent?.replace(/\u00a0/g, ' ')
              .trim();
          return `${at('.line-numbers')} ${at('.view-lines .view-line')}`;
        }),
      { timeout: 10_000 },
    )
    .toBe('16818 - port: 70000');
  expect(app.consoleErrors).toEqual([]);
});

test('while a large workspace is linted again after an edit, Problems says so instead of None', async ({
  page,
}) => {
  const app = new EditorPage(page);
  await app.open();
  // 600 workloads, no errors, lint suggestions (missing DNS egress and half-open flows).
  await app.pasteAll(syntheticWorkspace(30, 20, 5));
  const header = page.getByRole('button', { name: /^Problems/ });
  await expect(header).toContainText(/\d/, { timeout: 30_000 });
  await expect(header).not.toContainText('None');
  await expect(
    page.getByRole('list', { name: 'Lint findings' }).getByRole('listitem').first(),
  ).toBeVisible({ timeout: 30_000 });
  await app.focusEditor('start');
  await page.keyboard.type('# edited\n');
  // Sampled every 50 ms until the edit is being checked (lint waits for a 300 ms pause in the
  // parses, so that lasts), then until the suggestions are back: never "None" on the way, and the
  // findings listed throughout (those of the text before, marked, while the new one is checked).
  const seen: string[] = [];
  const listed: number[] = [];
  const busy: string[] = [];
  // One look at the page (the header, the list and its state read together).
  const sample = async () => {
    const now = await page.evaluate(() => {
      const list = document.querySelector('[aria-label="Lint findings"]');
      return {
        text: (document.querySelector('.problems-header')?.textContent ?? '').replace(/\s+/g, ' '),
        listed: list?.querySelectorAll('li').length ?? 0,
        busy: list?.getAttribute('aria-busy') ?? 'none',
      };
    });
    seen.push(now.text);
    listed.push(now.listed);
    if (now.text.includes('checking')) busy.push(now.busy);
    return now.text;
  };
  await expect
    .poll(async () => (await sample()).includes('checking'), {
      timeout: 30_000,
      intervals: [50],
    })
    .toBe(true);
  await expect
    .poll(
      async () => {
        const text = await sample();
        return /\d/.test(text) && !text.includes('checking');
      },
      { timeout: 30_000, intervals: [50] },
    )
    .toBe(true);
  expect(seen.filter((t) => t.includes('None'))).toEqual([]);
  expect(listed.filter((n) => n === 0)).toEqual([]);
  // While it says so, the list says it is being checked.
  expect(busy.length).toBeGreaterThan(0);
  expect(busy.filter((b) => b !== 'true')).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
