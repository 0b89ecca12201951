// Page object for cluster policies in the app: the Examples menu's cluster-tiers workspace, the
// tier lines of an explanation, the popover's cluster rule choice after a drawn edge, removing a
// rule or a namespace's Baseline deny from the side panel, and the v1alpha1 migration offers.
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { CanvasPage } from './canvas.ts';
import { EditorPage } from './editor.ts';

export class ClusterPoliciesPage {
  readonly canvas: CanvasPage;
  readonly editor: EditorPage;

  constructor(readonly page: Page) {
    this.canvas = new CanvasPage(page);
    this.editor = new EditorPage(page);
  }

  async openExample(): Promise<void> {
    await this.canvas.open();
    await this.editor.menu('Examples', /Cluster tiers/);
    await expect(this.canvas.namespace('sandbox')).toBeVisible();
    await this.canvas.settled();
  }

  /** A cluster rule's edge label on the canvas, by its leading tier and action. */
  clusterLabel(tag: string, policy: string): Locator {
    return this.page.locator('.edge-label.cluster-label', {
      has: this.page.locator('.edge-tag', { hasText: tag }),
      hasText: policy,
    });
  }

  /** The probe box of the side panel. */
  get probe(): Locator {
    return this.canvas.panel.getByRole('region', { name: 'Probe a flow' });
  }

  async probeFlow(from: string, to: string, port: string): Promise<void> {
    await this.probe
      .getByRole('combobox', { name: 'From', exact: true })
      .selectOption({ label: from });
    await this.probe.getByRole('combobox', { name: 'To', exact: true }).selectOption({ label: to });
    await this.probe.getByRole('textbox', { name: 'Port', exact: true }).fill(port);
  }

  /** The explanation of one side of the probed flow. */
  side(which: 'egress' | 'ingress'): Locator {
    return this.probe.getByRole('region', {
      name: which === 'egress' ? 'Egress of the source' : 'Ingress of the destination',
    });
  }

  /** The popover after a drawn edge, whatever rule kind it is set to. */
  get popover(): Locator {
    return this.page.getByRole('dialog', { name: /traffic from/ });
  }

  /** Draws from one node to another and picks a cluster rule (e.g. "Admin Deny") and any port. */
  async drawClusterRule(from: Locator, to: Locator, kind: string): Promise<void> {
    await this.canvas.dragEdge(from, to);
    await expect(this.popover).toBeVisible();
    await this.popover.getByText('Cluster policy (ClusterNetworkPolicy)').click();
    await this.popover.getByRole('radio', { name: new RegExp(`^${kind} `) }).check();
    await this.popover.getByRole('radio', { name: 'Any port' }).check();
  }

  /** A cluster rule's edge on the canvas by (part of) its accessible name. */
  clusterEdge(policy: string): Locator {
    return this.canvas.edge(new RegExp(`cluster policy ${policy} \\(`));
  }

  /** Selects an edge from the keyboard (edges are focusable) and presses Delete. */
  async deleteEdge(edge: Locator): Promise<void> {
    await edge.first().focus();
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Delete');
  }

  /** The preview a removal or a Baseline deny shows before it applies (in the side panel). */
  get panelPreview(): Locator {
    return this.canvas.panel.locator('.cp-preview');
  }

  /** The namespace inspector's Baseline deny state for a direction, when it is on. */
  baselineOn(direction: 'ingress' | 'egress'): Locator {
    return this.canvas.panel.getByTestId(`baseline-deny-${direction}`);
  }

  /** The Problems list's rows for deprecated v1alpha1 cluster policies. */
  get deprecated(): Locator {
    return this.page.getByRole('list', { name: 'Deprecated cluster policies' });
  }

  async undo(): Promise<void> {
    await this.page
      .getByRole('toolbar', { name: 'Workspace' })
      .getByRole('button', { name: 'Undo', exact: true })
      .click();
  }

  async shot(name: string, dir = 'cnp'): Promise<void> {
    await this.page.screenshot({ path: `.scratch/${dir}/${name}.png` });
  }
}
