// Page object for the reachability matrix: the Canvas / Matrix tabs, cells found through their
// row and column headers (as a reader finds them), hovered for their verdict and clicked for the
// explanation; the port filter and the namespace toggles.
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class MatrixPage {
  readonly view: Locator;
  readonly grid: Locator;
  readonly tooltip: Locator;
  readonly coverage: Locator;
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('matrix-view');
    this.grid = page.getByTestId('matrix-grid');
    this.tooltip = page.getByTestId('matrix-tooltip');
    this.coverage = page.getByTestId('coverage');
    this.panel = page.getByRole('complementary', { name: 'Inspector and explanation' });
  }

  tab(name: 'Canvas' | 'Matrix'): Locator {
    return this.page.getByRole('tab', { name });
  }

  /** Opens the Matrix tab and waits until the matrix of the current text is drawn. */
  async open(timeout = 20_000): Promise<void> {
    await this.tab('Matrix').click();
    await this.ready(timeout);
  }

  async ready(timeout = 20_000): Promise<void> {
    await expect(this.view).toHaveAttribute('data-ready', 'true', { timeout });
  }

  rowHeader(title: string): Locator {
    return this.page.locator(`.mx-rowhead[data-line="${title}"]`);
  }

  colHeader(title: string): Locator {
    return this.page.locator(`.mx-colhead[data-line="${title}"]`);
  }

  /** The middle of the cell where `from`'s row meets `to`'s column (both must be in view). */
  async cellPoint(from: string, to: string): Promise<{ x: number; y: number }> {
    const row = await this.rowHeader(from).boundingBox();
    const col = await this.colHeader(to).boundingBox();
    if (!row || !col) throw new Error(`no cell ${from} → ${to} in view`);
    return { x: col.x + col.width / 2, y: row.y + row.height / 2 };
  }

  /** Hovers a cell and returns what its tooltip says. */
  async hoverCell(from: string, to: string): Promise<string> {
    const { x, y } = await this.cellPoint(from, to);
    await this.page.mouse.move(x, y);
    await expect(this.tooltip).toBeVisible();
    return (await this.tooltip.textContent()) ?? '';
  }

  async clickCell(from: string, to: string): Promise<void> {
    const { x, y } = await this.cellPoint(from, to);
    await this.page.mouse.click(x, y);
  }

  /** Types a port (empty for every declared port) and picks a protocol ('' for any). */
  async filter(port: string, protocol: '' | 'TCP' | 'UDP' | 'SCTP' = ''): Promise<void> {
    const form = this.page.getByRole('search', { name: 'Filter the matrix' });
    await form.getByLabel('Port').fill(port);
    await form.getByLabel('Protocol').selectOption(protocol);
    await this.ready();
  }

  toggle(namespace: string, action: 'Collapse' | 'Expand'): Locator {
    return this.page.getByRole('button', { name: `${action} namespace ${namespace}` });
  }

  /** The flow the inspector explains, by its heading. */
  flowHeading(from: string, to: string): Locator {
    return this.panel.getByRole('heading', { name: `Flow ${from} → ${to}` });
  }

  async shot(name: string): Promise<void> {
    await this.page.mouse.move(0, 0);
    await this.page.screenshot({ path: `.scratch/matrix/${name}.png` });
  }
}
