// Page object for the canvas's find box and filters, used as a person would: typing, arrow keys
// and Enter, or the mouse; plus measurements of where a node sits in the canvas pane.
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class SearchPage {
  readonly box: Locator;
  readonly list: Locator;
  readonly filters: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.box = page.getByRole('combobox', { name: 'Find a workload, namespace, label or policy' });
    this.list = page.getByRole('listbox', { name: 'Matches' });
    this.filters = page.getByRole('group', { name: 'Filters' });
    this.status = page.getByRole('search').getByRole('status');
  }

  /** Types into the find box key by key. */
  async type(text: string): Promise<void> {
    await this.box.click();
    await this.box.fill('');
    await this.box.pressSequentially(text, { delay: 30 });
    await expect(this.list).toBeVisible();
  }

  group(name: string): Locator {
    return this.list.getByRole('group', { name });
  }

  option(name: string | RegExp): Locator {
    return this.list.getByRole('option', { name });
  }

  /** The option aria-activedescendant points at. */
  async activeOption(): Promise<string> {
    const id = await this.box.getAttribute('aria-activedescendant');
    if (!id) return '';
    return (await this.page.locator(`[id="${id}"]`).textContent()) ?? '';
  }

  /** The Filters button (its popover holds the namespaces and the other filters). */
  filtersButton(): Locator {
    return this.filters.getByRole('button', { name: /^Filters/ });
  }

  async openFilters(): Promise<void> {
    if ((await this.filtersButton().getAttribute('aria-expanded')) !== 'true')
      await this.filtersButton().click();
  }

  namespaceBox(name: string): Locator {
    return this.filters.getByRole('checkbox', { name, exact: true });
  }

  checkbox(name: 'Isolated only' | 'Has denied flows'): Locator {
    return this.filters.getByRole('checkbox', { name });
  }

  clear(): Locator {
    return this.filters.getByRole('button', { name: 'Clear filters' });
  }

  count(): Locator {
    return this.filters.getByRole('status');
  }

  /** Distance from the node's box centre to the centre of the canvas pane, in screen pixels. */
  async offCentre(node: Locator): Promise<number> {
    const pane = await this.page.locator('.react-flow').boundingBox();
    const box = await node.boundingBox();
    if (!pane || !box) throw new Error('node or pane not on screen');
    return Math.hypot(
      box.x + box.width / 2 - (pane.x + pane.width / 2),
      box.y + box.height / 2 - (pane.y + pane.height / 2),
    );
  }

  /** The rendered font size of a workload node's name, in screen pixels (zoom included). */
  async namePx(node: Locator): Promise<number> {
    return node.locator('.wl-name').evaluate((el) => {
      const size = parseFloat(getComputedStyle(el).fontSize);
      const r = el.getBoundingClientRect();
      const scale = (el as HTMLElement).offsetHeight
        ? r.height / (el as HTMLElement).offsetHeight
        : 1;
      return size * scale;
    });
  }

  /** Workload node ids drawn dimmed, sorted. */
  async dimmedWorkloads(): Promise<string[]> {
    const ids = await this.page
      .locator('.react-flow__node-workload.dimmed')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
    return ids.sort();
  }

  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: `.scratch/search/${name}.png` });
  }
}
