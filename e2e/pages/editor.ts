// Page object for the editor shell: the toolbar, the Monaco YAML pane, problems, banner and
// workspace import/export, used the way a person would (keyboard, clipboard, menus).
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** Where the app kept its work before IndexedDB; still read once (and migrated) at startup. */
export const LEGACY_SAVE_KEY = 'netpol-canvas:workspace:v1';

/** In-page code (a string: the e2e code is typed without the DOM library) for the saved store. */
const IDB = `new Promise((resolve, reject) => {
  const r = indexedDB.open('netpol-canvas', 1);
  r.onupgradeneeded = () => r.result.createObjectStore('saved');
  r.onsuccess = () => resolve(r.result);
  r.onerror = () => reject(r.error);
})`;

/** The raw saved entry under `key` ('workspace' is the work), or null. */
export async function readSavedEntry(page: Page, key = 'workspace'): Promise<string | null> {
  return page.evaluate<string | null>(`(async () => {
    const db = await ${IDB};
    return new Promise((resolve, reject) => {
      const q = db.transaction('saved').objectStore('saved').get(${JSON.stringify(key)});
      q.onsuccess = () => { db.close(); resolve(typeof q.result === 'string' ? q.result : null); };
      q.onerror = () => reject(q.error);
    });
  })()`);
}

/** Every saved entry whose key starts with `prefix`, as [key, raw] pairs. */
export async function listSavedEntries(page: Page, prefix: string): Promise<[string, string][]> {
  return page.evaluate<[string, string][]>(`(async () => {
    const db = await ${IDB};
    return new Promise((resolve) => {
      const s = db.transaction('saved').objectStore('saved');
      const range = IDBKeyRange.bound(${JSON.stringify(prefix)}, ${JSON.stringify(prefix)} + '\\uffff');
      const k = s.getAllKeys(range);
      const v = s.getAll(range);
      v.onsuccess = () => { db.close(); resolve(k.result.map((key, i) => [String(key), v.result[i]])); };
    });
  })()`);
}

/** Writes a raw saved entry (the app reads it at its next load). */
export async function writeSavedEntry(page: Page, raw: string, key = 'workspace'): Promise<void> {
  await page.evaluate(`(async () => {
    const db = await ${IDB};
    await new Promise((resolve, reject) => {
      const t = db.transaction('saved', 'readwrite');
      t.objectStore('saved').put(${JSON.stringify(raw)}, ${JSON.stringify(key)});
      t.oncomplete = resolve;
      t.onerror = () => reject(t.error);
    });
    db.close();
  })()`);
}
// The preview server's origin (playwright.config.ts); anything else is a foreign request.
const APP_ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;

export class EditorPage {
  readonly consoleErrors: string[] = [];
  readonly foreignRequests: string[] = [];
  readonly editor: Locator;
  readonly problems: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByTestId('yaml-editor');
    this.problems = page.getByRole('list', { name: 'Problems in the YAML' });
    this.banner = page
      .getByRole('alert')
      .filter({ hasText: 'Canvas shows the last valid version' });
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => this.consoleErrors.push(e.message));
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.protocol === 'data:' || url.protocol === 'blob:') return;
      if (url.origin !== APP_ORIGIN) this.foreignRequests.push(r.url());
    });
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.waitForEditor();
  }

  async waitForEditor(): Promise<void> {
    await expect(this.editor.locator('.view-lines')).toBeVisible({ timeout: 20_000 });
  }

  button(name: string): Locator {
    return this.page
      .getByRole('toolbar', { name: 'Workspace' })
      .getByRole('button', { name, exact: true });
  }

  async menu(menu: 'Export' | 'Examples', item: string | RegExp): Promise<void> {
    await this.page.getByRole('button', { name: menu }).click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  /** Puts the caret in the editor (at the very start with `start`). */
  async focusEditor(where: 'start' | 'end' = 'start'): Promise<void> {
    // The host never scrolls (Monaco scrolls inside it), so a fixed point is always on screen.
    await this.editor.click({ position: { x: 80, y: 14 } });
    await this.page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End');
  }

  /** Replaces the whole text by pasting, as a person pasting their manifests would. */
  async pasteAll(text: string): Promise<void> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await this.focusEditor();
    // A string, since the e2e code is typed without the DOM library.
    await this.page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Control+V');
  }

  /** Visible editor lines (Monaco renders only what is on screen), joined. */
  async visibleText(): Promise<string> {
    const text = await this.editor.locator('.view-lines').innerText();
    return text.replace(/\u00a0/g, ' ');
  }

  /** The autosaved text: what a reload would bring back. */
  async savedText(): Promise<string> {
    await this.page.waitForTimeout(400);
    const raw = await readSavedEntry(this.page);
    return raw === null ? '' : (JSON.parse(raw) as { text: string }).text;
  }

  /** A storage banner (another tab, damaged or failing saves) by a phrase of its message. */
  storageBanner(text: string | RegExp): Locator {
    return this.page.locator('.storage-banner').filter({ hasText: text });
  }

  async markerCount(owner: 'yaml'): Promise<number> {
    const v = await this.editor.getAttribute(owner === 'yaml' ? 'data-yaml-markers' : '');
    return Number(v ?? '0');
  }

  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: `.scratch/shots/${name}.png` });
  }
}
