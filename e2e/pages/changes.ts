// Page object for the Changes section under Problems: its header counts, the compare choice,
// the baseline buttons and the lists of newly allowed and denied flows.
import type { Locator, Page } from '@playwright/test';

export class ChangesPage {
  readonly section: Locator;
  readonly toggle: Locator;
  readonly counts: Locator;
  readonly summary: Locator;
  readonly undoButton: Locator;
  readonly keepBaseline: Locator;
  readonly forget: Locator;
  readonly lastEditRadio: Locator;
  readonly baselineRadio: Locator;
  readonly fileInput: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Changes' });
    this.toggle = this.section.getByRole('button', { name: /^Changes/ });
    this.counts = this.section.locator('.problems-counts');
    this.summary = this.section.locator('.changes-summary');
    this.undoButton = this.section.getByRole('button', { name: 'Undo', exact: true });
    this.keepBaseline = this.section.getByRole('button', { name: 'Keep this text as baseline' });
    this.forget = this.section.getByRole('button', { name: 'Forget baseline' });
    this.lastEditRadio = this.section.getByRole('radio', { name: 'Last edit' });
    this.baselineRadio = this.section.getByRole('radio', { name: /^Baseline/ });
    this.fileInput = this.section.getByLabel('Baseline file');
  }

  async open(): Promise<void> {
    if ((await this.toggle.getAttribute('aria-expanded')) !== 'true') await this.toggle.click();
  }

  /** The rows of one list ("Newly allowed" or "Newly denied") as "from → to port". */
  async rows(list: 'Newly allowed' | 'Newly denied'): Promise<string[]> {
    const items = this.section.getByRole('list', { name: list }).getByRole('button');
    return (await items.allTextContents()).map((t) => t.replace(/^[✓✗]/, '').trim());
  }
}
