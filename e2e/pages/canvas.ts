// Page object for the canvas and side panel, used as a person uses them: nodes and edges found by
// their accessible names, edges drawn by dragging the mouse from a handle to another node.
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { readSavedEntry } from './editor.ts';

export class CanvasPage {
  readonly consoleErrors: string[] = [];
  readonly canvas: Locator;
  readonly panel: Locator;
  readonly popover: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('canvas');
    this.panel = page.getByRole('complementary', { name: 'Inspector and explanation' });
    this.popover = page.getByRole('dialog', { name: /^Allow traffic from/ });
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => this.consoleErrors.push(e.message));
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.settled();
  }

  /** Waits until nodes are drawn and ELK's layout has replaced the first grid. */
  async settled(): Promise<void> {
    // Any node: a large workspace opens with its namespaces collapsed.
    await expect(this.page.locator('.react-flow__node').first()).toBeVisible({
      timeout: 20_000,
    });
    await expect(this.canvas).toHaveAttribute('data-layout', 'done', { timeout: 20_000 });
    // fitView runs on the next frame after the layout lands.
    await this.page.waitForTimeout(300);
  }

  /** A workload node by its name and namespace (its accessible name starts with these). */
  workload(name: string, namespace: string): Locator {
    const re = new RegExp(
      `^(inferred )?workload ${escape(name)} (\\(inferred from selector\\) )?in namespace ${escape(namespace)},`,
    );
    return this.canvas.getByRole('group', { name: re });
  }

  namespace(name: string): Locator {
    return this.canvas.getByRole('group', { name: new RegExp(`^namespace ${escape(name)},`) });
  }

  /** An edge by (part of) its accessible name. */
  edge(name: string | RegExp): Locator {
    return this.canvas.getByRole('group', { name });
  }

  /** A highlighted flow between two workloads (names as shown on the nodes). */
  flow(from: string, to: string): Locator {
    return this.canvas.getByRole('group', {
      name: new RegExp(`^flow from ${escape(from)} to ${escape(to)}:`),
    });
  }

  /**
   * A selection's denied flows are one marker per peer until asked for: the legend's "Draw N
   * denied" button draws them as edges (and they stay drawn for later selections).
   */
  async showDeniedFlows(): Promise<void> {
    const toggle = this.page.getByRole('button', { name: /^(Draw|Hide) \d+ denied$/ });
    await expect(toggle).toBeVisible();
    // Already drawn (the choice lasts across selections): nothing to do.
    if ((await toggle.getAttribute('aria-pressed')) === 'true') return;
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  }

  async select(node: Locator): Promise<void> {
    // The header line of a node is plain text: clicking it selects without starting a drag.
    await node.click({ position: { x: 60, y: 14 } });
  }

  /** Mouse down on the node's outgoing handle, move to the other node in steps, release. */
  async dragEdge(from: Locator, to: Locator): Promise<void> {
    const handle = from.locator('.react-flow__handle.source');
    const a = await handle.boundingBox();
    const b = await to.boundingBox();
    if (!a || !b) throw new Error('nodes are not on screen');
    const m = this.page.mouse;
    await m.move(a.x + a.width / 2, a.y + a.height / 2);
    await m.down();
    const tx = b.x + b.width / 2;
    const ty = b.y + b.height / 2;
    await m.move((a.x + tx) / 2, (a.y + ty) / 2 + 10, { steps: 8 });
    await m.move(tx, ty, { steps: 8 });
    await m.up();
  }

  /** The side panel's "Allow traffic to/from" list of the other end (for the selected node). */
  allowTraffic(direction: 'to' | 'from'): Locator {
    return this.panel.getByRole('combobox', { name: `Allow traffic ${direction}` });
  }

  /** Presses Tab until `target` has the focus, as a keyboard user would. */
  async tabTo(target: Locator, max = 80): Promise<void> {
    const focused = target.and(this.page.locator(':focus'));
    for (let i = 0; i < max; i++) {
      if ((await focused.count()) > 0) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`${max} presses of Tab never reached ${target.toString()}`);
  }

  /**
   * From the top of the page into the canvas by keyboard: Tab through the toolbar into the YAML
   * editor, where Tab indents, so Ctrl+M (Monaco's "Tab moves focus" toggle) lets focus move on.
   */
  async tabPastEditor(): Promise<void> {
    await this.tabTo(this.page.getByRole('textbox', { name: 'Workspace YAML' }));
    await this.page.keyboard.press('Control+M');
  }

  /** The autosaved workspace text: what the YAML pane holds, without scraping Monaco's DOM. */
  /** Each drawn node's position in canvas coordinates (its transform), by node id. */
  async positions(): Promise<Record<string, string>> {
    return this.page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((n) => [
          n.dataset['id'] ?? '',
          n.style.transform,
        ]),
      ),
    );
  }

  async yamlText(): Promise<string> {
    await this.page.waitForTimeout(400);
    const raw = await readSavedEntry(this.page);
    return raw === null ? '' : (JSON.parse(raw) as { text: string }).text;
  }

  /** The toolbar's Fit view: the whole workspace on screen, however small that makes it. */
  async fitView(): Promise<void> {
    await this.page.getByRole('button', { name: 'Fit view', exact: true }).first().click();
    // The fit animates for 200 ms: a drag that starts while the view moves misses its target.
    await this.page.waitForTimeout(400);
  }

  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: `.scratch/shots/canvas-${name}.png` });
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
