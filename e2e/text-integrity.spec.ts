// The user's text is never corrupted or lost: a gesture right after typing, two tabs, damaged and
// failing saves, a killed browser, unusual characters and line breaks, JSON import, deep nesting.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { CanvasPage } from './pages/canvas.ts';
import {
  EditorPage,
  LEGACY_SAVE_KEY,
  listSavedEntries,
  readSavedEntry,
  writeSavedEntry,
} from './pages/editor.ts';
import { THREE_TIER_YAML } from '../src/ui/examples/three-tier.ts';
import { readWorkspace } from '../src/yaml/read-workspace.ts';

const savedTextOf = (raw: string | null) =>
  raw === null ? null : (JSON.parse(raw) as { text: string }).text;

test('a gesture right after typing lands in the text just typed, whole', async ({ page }) => {
  const canvas = new CanvasPage(page);
  const app = new EditorPage(page);
  await canvas.open();
  // By keyboard: the canvas legend may cover the namespace's header at this size.
  await canvas.namespace('monitoring').focus();
  await page.keyboard.press('Enter');
  const deny = canvas.panel.getByRole('checkbox', { name: 'Default deny ingress' });
  await expect(deny).toBeVisible();
  await app.focusEditor('start');
  // Typing and the click inside the 150 ms parse debounce.
  await page.keyboard.type('# my note\n', { delay: 0 });
  await deny.click();
  await expect(deny).toBeChecked();
  const text = await canvas.yamlText();
  expect(text.startsWith(`# my note\n${THREE_TIER_YAML.slice(0, 200)}`)).toBe(true);
  expect(text).not.toMatch(/- p---/);
  const ws = readWorkspace(text);
  expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(ws.policies).toHaveLength(readWorkspace(THREE_TIER_YAML).policies.length + 1);
  // Every byte of the example is still there, in order, around the added policy.
  const added = ws.policies.find(
    (p) =>
      p.namespace === 'monitoring' &&
      !readWorkspace(THREE_TIER_YAML).policies.some((q) => q.id === p.id),
  );
  expect(added?.policyTypes.ingress).toBe(true);
  expect(app.consoleErrors).toEqual([]);
});

test('two tabs on one workspace: neither version is dropped without asking', async ({
  context,
}) => {
  const a = new EditorPage(await context.newPage());
  await a.open();
  const b = new EditorPage(await context.newPage());
  await b.open();

  await a.focusEditor('start');
  await a.page.keyboard.type('# from A\n');
  await expect.poll(() => a.savedText()).toMatch(/^# from A\n/);
  // B is told at once, and its own typing is kept aside rather than saved over A's.
  const conflict = b.storageBanner('Another tab saved different work');
  await expect(conflict).toBeVisible();
  await b.focusEditor('start');
  await b.page.keyboard.type('# from B\n');
  await expect
    .poll(async () => (await listSavedEntries(b.page, 'tab:')).map(([, raw]) => savedTextOf(raw)))
    .toEqual([expect.stringMatching(/^# from B\n/)]);
  expect(await a.savedText()).toMatch(/^# from A\n/);
  await b.shot('text-two-tabs');

  // Both versions can be downloaded.
  const [theirs] = await Promise.all([
    b.page.waitForEvent('download'),
    conflict.getByRole('button', { name: 'Download theirs' }).click(),
  ]);
  expect(readFileSync((await theirs.path())!, 'utf8')).toMatch(/^# from A\n/);

  // A reload of B does not lose B's work: it is offered back.
  await b.page.reload();
  await b.waitForEditor();
  await expect(b.editor).toContainText('# from A');
  const kept = b.storageBanner('A tab’s version was kept');
  await expect(kept).toBeVisible();
  await kept.getByRole('button', { name: 'Open it' }).click();
  await expect(b.editor).toContainText('# from B');
  await expect.poll(() => b.savedText()).toMatch(/^# from B\n/);

  // Now A is the one asked; it takes B's version, and Undo brings its own back.
  const aConflict = a.storageBanner('Another tab saved different work');
  await expect(aConflict).toBeVisible();
  await aConflict.getByRole('button', { name: 'Load the other tab’s version' }).click();
  await expect(a.editor).toContainText('# from B');
  await expect(aConflict).toBeHidden();
  await a.button('Undo').click();
  await expect(a.editor).toContainText('# from A');
  expect([...a.consoleErrors, ...b.consoleErrors]).toEqual([]);
});

test('old localStorage work is migrated; damaged saved work is kept, said and downloadable', async ({
  page,
}) => {
  const app = new EditorPage(page);
  // The old entry is there before the app first loads, as after an upgrade. (Written by a first
  // load and a reload, it raced that first page's own save as it unloaded, which then made the
  // migration's copy step aside.)
  await page.addInitScript(
    ([key, value]) => {
      if (location.origin === 'null' || sessionStorage.getItem('seeded-legacy') !== null) return;
      sessionStorage.setItem('seeded-legacy', '1');
      localStorage.setItem(key, value);
    },
    [LEGACY_SAVE_KEY, JSON.stringify({ text: '# migrated\n', positions: {} })] as const,
  );
  await page.goto('/');
  await app.waitForEditor();
  await expect(app.editor).toContainText('# migrated');
  expect(savedTextOf(await readSavedEntry(page))).toBe('# migrated\n');
  expect(
    await page.evaluate(`localStorage.getItem(${JSON.stringify(LEGACY_SAVE_KEY)})`),
  ).toBeNull();

  const truncated = JSON.stringify({ text: '# precious work\nkind: Namespace\n' }).slice(0, 30);
  await writeSavedEntry(page, truncated);
  await page.reload();
  await app.waitForEditor();
  const banner = app.storageBanner('Saved work could not be read');
  await expect(banner).toBeVisible();
  await app.shot('text-unreadable');
  // Typing saves new work; the damaged save stays kept and offered after a reload.
  await app.focusEditor('start');
  await page.keyboard.type('# new\n');
  await expect.poll(() => app.savedText()).toMatch(/^# new\n/);
  await page.reload();
  await app.waitForEditor();
  await expect(banner).toBeVisible();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('button', { name: 'Download it' }).click(),
  ]);
  expect(readFileSync((await file.path())!, 'utf8')).toBe(truncated);
  await banner.getByRole('button', { name: 'Discard it' }).click();
  await expect(banner).toBeHidden();
  expect(await listSavedEntries(page, 'unreadable:')).toEqual([]);
});

test('every storage failure is said, not only the first, and leaving then asks first', async ({
  page,
}) => {
  // A full disk, on demand: IndexedDB writes throw QuotaExceededError while the flag is set.
  await page.addInitScript(`
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__failSaves) throw new DOMException('full', 'QuotaExceededError');
      return put.apply(this, args);
    };
  `);
  const app = new EditorPage(page);
  await app.open();
  const failing = app.storageBanner('Your work is not being saved');
  const toast = page.getByRole('status').filter({ hasText: 'Could not save your work' });
  for (const round of [1, 2]) {
    await page.evaluate('window.__failSaves = true');
    await app.focusEditor('start');
    await page.keyboard.type(`# round ${round}\n`);
    await expect(failing).toBeVisible();
    await expect(toast).toBeVisible();
    if (round === 1) await app.shot('text-save-failing');
    await page.getByRole('button', { name: 'Dismiss message' }).click();
    await page.evaluate('window.__failSaves = false');
    await app.focusEditor('start');
    await page.keyboard.type('#\n');
    await expect(failing).toBeHidden();
    await expect.poll(() => app.savedText()).toMatch(new RegExp(`^#\\n# round ${round}\\n`));
  }
  await page.evaluate('window.__failSaves = true');
  await app.focusEditor('start');
  await page.keyboard.type('# unsaved\n');
  await expect(failing).toBeVisible();
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  // Leaving anyway closes the page (dismissing would keep it open past the test).
  await dialog.accept();
});

test('unusual characters and line breaks are kept or exactly reported', async ({ page }) => {
  const app = new EditorPage(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await app.open();
  await app.pasteAll('# a\u2028b\u2029c\nkind: Namespace\n');
  await expect.poll(() => app.savedText()).toBe('# a\u2028b\u2029c\nkind: Namespace\n');
  expect(dialogs).toEqual([]);

  await app.pasteAll('# one\r\n# two\r# three\n');
  await expect(
    page.getByRole('status').filter({
      hasText: 'Pasted with changes: 1 CRLF line break became LF; 1 lone CR line break became LF',
    }),
  ).toBeVisible();
  await app.shot('text-paste-line-breaks');

  // A byte order mark survives import and export.
  const input = page.locator('input[type="file"]');
  await input.setInputFiles({
    name: 'bom.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('kind: Namespace\n')]),
  });
  await page.getByRole('button', { name: 'Replace workspace' }).click();
  await expect.poll(() => app.savedText()).toBe('\ufeffkind: Namespace\n');
  const [bom] = await Promise.all([
    page.waitForEvent('download'),
    app.menu('Export', /Download workspace\.yaml/),
  ]);
  expect([...readFileSync((await bom.path())!).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

  // A lone surrogate cannot be written as UTF-8: the message says where it became U+FFFD.
  await writeSavedEntry(page, JSON.stringify({ text: '# x\n# y\ud800z\n', positions: {} }));
  await page.reload();
  await app.waitForEditor();
  const [lone] = await Promise.all([
    page.waitForEvent('download'),
    app.menu('Export', /Download workspace\.yaml/),
  ]);
  expect(readFileSync((await lone.path())!, 'utf8')).toBe('# x\n# y\ufffdz\n');
  await expect(
    page.getByRole('status').filter({
      hasText: 'One lone surrogate (line 2, column 4) became U+FFFD',
    }),
  ).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});

test('a JSON file with a duplicate field gets the CLI reader’s verdict', async ({ page }) => {
  const app = new EditorPage(page);
  await app.open();
  const json = '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a","name":"b"}}';
  await page.locator('input[type="file"]').setInputFiles({
    name: 'dup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(json),
  });
  await expect.poll(() => app.savedText()).toBe(json);
  await expect(page.getByRole('status').filter({ hasText: 'dup.json kept as JSON' })).toBeVisible();
  await expect(
    app.problems.getByRole('button', { name: /strict decoding error: duplicate field/ }),
  ).toBeVisible();
});

test('a 10,000-deep sequence never reaches monaco-yaml: no page errors, the depth is reported', async ({
  page,
}) => {
  const app = new EditorPage(page);
  await app.open();
  await app.pasteAll(`${'- '.repeat(10_000)}x\n`);
  await expect(
    app.problems.getByRole('button', { name: /nesting exceeded maxDepth/ }),
  ).toBeVisible();
  await page.waitForTimeout(2000);
  expect(app.consoleErrors).toEqual([]);
  // Back to ordinary YAML, monaco-yaml's checks return.
  await app.pasteAll('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: 5\n  bogus: 1\n');
  await expect.poll(() => app.markerCount('yaml'), { timeout: 15_000 }).toBeGreaterThan(0);
});

test('edits survive the whole browser being killed', async ({ browserName }, testInfo) => {
  expect(browserName).toBe('chromium');
  const dir = mkdtempSync(join(tmpdir(), 'netpol-kill-'));
  const base = testInfo.project.use.baseURL ?? 'http://127.0.0.1:4173';
  const launch = () =>
    chromium.launchPersistentContext(dir, {
      ...testInfo.project.use.launchOptions,
      baseURL: base,
    });
  try {
    const first = await launch();
    const page: Page = first.pages()[0] ?? (await first.newPage());
    const app = new EditorPage(page);
    await app.open();
    await app.focusEditor('start');
    await page.keyboard.type('# survives a crash\n');
    await page.waitForTimeout(1500);
    // SIGKILL the browser process of this profile (the oldest process using its directory).
    const pid = execFileSync('pgrep', ['-o', '-f', '--', `--user-data-dir=${dir}`])
      .toString()
      .trim();
    execFileSync('kill', ['-9', pid]);
    await first.close().catch(() => undefined);

    const second = await launch();
    const again = new EditorPage(second.pages()[0] ?? (await second.newPage()));
    await again.open();
    await expect(again.editor).toContainText('# survives a crash');
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
