// Page object for a selected policy: picked from the legend bar or a policy link, read in the
// inspector (its rules in words, AND/OR in bold), and its emphasis on the canvas.
import type { Locator, Page } from '@playwright/test';

export class PolicyWordsPage {
  readonly legend: Locator;
  readonly inspector: Locator;
  readonly rules: Locator;

  constructor(readonly page: Page) {
    this.legend = page.getByRole('complementary', { name: 'Canvas legend' });
    this.inspector = page
      .getByRole('complementary', { name: 'Inspector and explanation' })
      .getByRole('region', { name: 'Policy' });
    this.rules = this.inspector.getByTestId('policy-rule');
  }

  /**
   * Unfolds the legend bar when it is folded: folded to one line, a narrow canvas shows only the
   * swatches that fit, and a person opens it to reach the others.
   */
  async unfoldLegend(): Promise<void> {
    const fold = this.legend.getByRole('button', { name: /Legend$/ });
    if ((await fold.getAttribute('aria-expanded')) === 'false') await fold.click();
  }

  /** A policy's swatch in the legend bar, by the name it shows. */
  swatch(name: string): Locator {
    return this.legend.getByRole('button', { name, exact: true });
  }

  /** The bold conjunctions of one rule. */
  conjunctions(rule: Locator): Locator {
    return rule.locator('strong');
  }

  /** Rule edges drawn emphasised (the selected policy's) and faded (every other policy's). */
  focusedEdges(): Locator {
    return this.page.locator('.canvas[data-policy] .react-flow__edge-policy.policy-focus');
  }

  fadedEdges(): Locator {
    return this.page.locator('.canvas[data-policy] .react-flow__edge-policy:not(.policy-focus)');
  }

  /** Rule labels of the other policies, drawn dimmed. */
  dimmedLabels(): Locator {
    return this.page.locator('.canvas[data-policy] .policy-label.policy-dim');
  }

  ringed(): Locator {
    return this.page.locator('.canvas[data-policy] .react-flow__node.policy-selects');
  }

  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: `.scratch/words/${name}.png` });
  }
}
