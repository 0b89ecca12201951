// Page object for lint in the app: the findings in the Problems list (rule, Fix, suggestions),
// the markers lint puts on the text, the canvas badges and the question a default deny asks
// before it breaks drawn flows.
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export class LintPage {
  readonly findings: Locator;
  readonly problemsHeader: Locator;
  readonly showSuggestions: Locator;
  readonly question: Locator;

  constructor(readonly page: Page) {
    this.findings = page.getByRole('list', { name: 'Lint findings' });
    this.problemsHeader = page.getByRole('button', { name: /^› ?Problems/ });
    this.showSuggestions = page.getByRole('button', { name: /^(Show|Hide) \d+ suggestions?/ });
    this.question = page.getByRole('dialog', { name: /by default in/ });
  }

  /** The Problems rows of one rule (its id is written in each row). */
  finding(rule: string): Locator {
    return this.findings.locator(`li[data-rule="${rule}"]`);
  }

  fixButton(rule: string): Locator {
    return this.finding(rule).getByRole('button', { name: /^Fix:/ });
  }

  /** The lint badge on a workload node (a canvas page object's `workload(...)`). */
  badge(node: Locator): Locator {
    return node.getByTestId('lint-badge');
  }

  /** The lint markers Monaco holds for the text, as `rule` codes. */
  async markerCodes(): Promise<string[]> {
    return this.page.evaluate<string[]>(`(() => {
      const host = document.querySelector('[data-testid="yaml-editor"]');
      return (host?.dataset.lintMarkers ?? '').split(',').filter(Boolean);
    })()`);
  }

  /** The lint markers' codes, read every few milliseconds for `ms`: each reading. */
  async markerCodesOver(ms: number): Promise<string[][]> {
    return this.page.evaluate<string[][]>(`(async () => {
      const host = document.querySelector('[data-testid="yaml-editor"]');
      const out = [];
      for (const end = performance.now() + ${ms}; performance.now() < end; ) {
        out.push((host?.dataset.lintMarkers ?? '').split(',').filter(Boolean));
        await new Promise((r) => setTimeout(r, 5));
      }
      return out;
    })()`);
  }

  /** The canvas toggle of a namespace's default deny, `in` or `out`. */
  denyToggle(namespace: string, direction: 'in' | 'out'): Locator {
    return this.page.getByRole('button', {
      name: new RegExp(`^deny ${direction}: default deny \\w+ in namespace ${namespace}$`),
    });
  }

  async answer(choice: 'Keep the flows' | 'Deny them' | 'Cancel'): Promise<void> {
    await expect(this.question).toBeVisible();
    await this.question.getByRole('button', { name: choice, exact: true }).click();
    await expect(this.question).toBeHidden();
  }

  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: `.scratch/lint/${name}.png` });
  }
}
