// Page object for the editor shell: the toolbar, the Monaco YAML pane, problems, banner and
// workspace import/export, used the way a person would (keyboard, clipboard, menus).
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

const SAVE_KEY = 'netpol-canvas:workspace:v1';
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
    const raw = await this.page.evaluate<string | null>(
      `localStorage.getItem(${JSON.stringify(SAVE_KEY)})`,
    );
    return raw === null ? '' : (JSON.parse(raw) as { text: string }).text;
  }

  async markerCount(owner: 'yaml'): Promise<number> {
    const v = await this.editor.getAttribute(owner === 'yaml' ? 'data-yaml-markers' : '');
    return Number(v ?? '0');
  }

  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: `.scratch/shots/${name}.png` });
  }
}
