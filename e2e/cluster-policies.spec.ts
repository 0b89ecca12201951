// Cluster policies in the app: the Admin + NetworkPolicy + Baseline example draws each tier's
// rules with their tier and action, the probe names the tier that decided each side, and an Admin
// Deny drawn with the mouse turns an allowed flow denied.
import { expect, test } from '@playwright/test';
import { ClusterPoliciesPage } from './pages/cluster-policies.ts';

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`cluster tiers example, explanation and a drawn Admin Deny at ${size.width}×${size.height}`, async ({
    page,
  }) => {
    // Eight probes, a drawn edge and two selections: longer than the default minute on 2 cores.
    test.setTimeout(150_000);
    await page.setViewportSize(size);
    const app = new ClusterPoliciesPage(page);
    await app.openExample();
    const at = `${size.width}x${size.height}`;
    await app.shot(`example-${at}`);

    // Tier and action read on the canvas, without the legend (the whole workspace in view).
    await app.canvas.fitView();
    await app.shot(`fit-${at}`);
    await expect(app.clusterLabel('Admin Deny', 'deny-dev-to-prod').first()).toBeVisible();
    await expect(app.clusterLabel('Admin Accept', 'allow-metrics').first()).toBeVisible();
    await expect(app.clusterLabel('Pass', 'batch-to-app-teams').first()).toBeVisible();
    await expect(app.clusterLabel('Baseline Deny', 'baseline-deny').first()).toBeVisible();

    // The Admin tier decides dev → prod: NetworkPolicy is not consulted.
    await app.probeFlow('sandbox/experiment', 'store/web', '8080');
    await expect(app.probe.getByRole('status')).toHaveText(/Denied on TCP 8080/);
    await expect(app.side('ingress').getByTestId('tier-line')).toHaveText(
      /^Admin tier: deny-dev-to-prod \(priority 10\) ingress rule 1 \(no-dev\) denies; NetworkPolicy not consulted$/,
    );
    await app.shot(`probe-admin-${at}`);

    // The Admin Accept lets Prometheus reach api, which api's NetworkPolicy would not.
    await app.probeFlow('metrics/prometheus', 'store/api', '8000');
    await expect(app.probe.getByRole('status')).toHaveText(/Allowed on TCP 8000/);
    await expect(app.side('ingress').getByTestId('tier-line')).toHaveText(
      /^Admin tier: allow-metrics \(priority 20\) ingress rule 1 \(scrape\) accepts; NetworkPolicy not consulted$/,
    );

    // A Pass hands batch → api to api's NetworkPolicy, which does not allow it.
    await app.probeFlow('batch/reports', 'store/api', '8000');
    await expect(app.side('ingress').getByTestId('tier-line')).toHaveText(
      /batch-to-app-teams \(priority 30\) ingress rule 1 \(app-team-decides\) passes on to NetworkPolicy/,
    );
    await expect(app.side('ingress')).toContainText('Decided by NetworkPolicy');

    // Nothing isolates batch/reports: the Baseline tier denies web → reports.
    await app.probeFlow('store/web', 'batch/reports', '8080');
    await expect(app.side('ingress').getByTestId('tier-line')).toHaveText(
      /^Baseline tier: baseline-deny \(priority 100\) ingress rule 1 \(default-deny\) denies$/,
    );

    // The rule link jumps to the rule in the YAML, as NetworkPolicy links do.
    await app
      .side('ingress')
      .getByRole('button', { name: /ingress rule 1 \(default-deny\)/ })
      .click();
    await expect(page.locator('.monaco-editor .view-lines')).toContainText('default-deny');

    // web → api is allowed by api's NetworkPolicy (the Admin tier passes it by).
    await app.probeFlow('store/web', 'store/api', '8000');
    await expect(app.probe.getByRole('status')).toHaveText(/Allowed on TCP 8000/);

    // Draw an Admin Deny web → api with the mouse: the preview says what it denies.
    await app.drawClusterRule(
      app.canvas.workload('web', 'store'),
      app.canvas.workload('api', 'store'),
      'Admin Deny',
    );
    await expect(app.popover).toContainText(
      '1 flow allowed now will be denied: store/web → store/api TCP 8000',
    );
    await app.shot(`popover-${at}`);
    await app.popover.getByRole('button', { name: 'Add Admin Deny' }).click();
    await expect(app.popover).toBeHidden();
    await expect(app.clusterLabel('Admin Deny', 'deny-web-to-api').first()).toBeVisible();

    // The flow is now denied, and the explanation names the new policy.
    await app.probeFlow('store/web', 'store/api', '8000');
    await expect(app.probe.getByRole('status')).toHaveText(/Denied on TCP 8000/);
    await expect(app.side('ingress').getByTestId('tier-line')).toHaveText(
      /^Admin tier: deny-web-to-api \(priority 0\) ingress rule 1 \(deny-web\) denies; NetworkPolicy not consulted$/,
    );

    // Selecting the cluster policy (its label) shows its rule; its name shows subject and rules.
    await app.clusterLabel('Admin Deny', 'deny-web-to-api').first().click();
    await expect(app.canvas.panel.getByTestId('cluster-rule')).toContainText('Admin Deny');
    await app.canvas.panel
      .getByRole('button', { name: 'deny-web-to-api', exact: true })
      .first()
      .click();
    await expect(app.canvas.panel.getByTestId('policy-selects')).toContainText('pods app=api');
    await expect(app.canvas.panel.getByTestId('policy-rule')).toHaveAttribute(
      'data-words',
      /Deny from pods app=web in namespace store/,
    );
    await app.shot(`selected-${at}`);
    expect(app.canvas.consoleErrors).toEqual([]);
  });
}

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`removing cluster rules and a Baseline deny from the panels at ${size.width}×${size.height}`, async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await page.setViewportSize(size);
    const app = new ClusterPoliciesPage(page);
    await app.openExample();
    const at = `${size.width}x${size.height}`;
    const original = await app.canvas.yamlText();

    // Select the Admin Accept's edge: the inspector offers its removal with a preview.
    await app.clusterLabel('Admin Accept', 'allow-metrics').first().click();
    await expect(app.canvas.panel.getByTestId('cluster-rule')).toContainText('Admin Accept');
    await app.canvas.panel.getByRole('button', { name: 'Remove from cluster policy…' }).click();
    await expect(app.panelPreview).toContainText(
      'Removes ClusterNetworkPolicy allow-metrics, which held only ingress rule 1 (scrape).',
    );
    await expect(app.panelPreview).toContainText(
      '1 flow allowed now will be denied: metrics/prometheus → store/api TCP 8000.',
    );
    await app.shot(`remove-rule-preview-${at}`, 'cnpedit');
    await app.panelPreview.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(app.clusterLabel('Admin Accept', 'allow-metrics')).toHaveCount(0);
    await expect.poll(() => app.canvas.yamlText()).not.toContain('name: allow-metrics');
    await app.probeFlow('metrics/prometheus', 'store/api', '8000');
    await expect(app.probe.getByRole('status')).toHaveText(/Denied on TCP 8000/);

    // One undo step brings it back; Delete on the canvas removes it again, the notice says so.
    await app.undo();
    await expect(app.clusterLabel('Admin Accept', 'allow-metrics').first()).toBeVisible();
    await expect.poll(() => app.canvas.yamlText()).toBe(original);
    await app.deleteEdge(app.clusterEdge('allow-metrics'));
    await expect(app.clusterEdge('allow-metrics')).toHaveCount(0);
    await expect(
      page.getByRole('status').filter({ hasText: /Removed ClusterNetworkPolicy allow-metrics/ }),
    ).toBeVisible();
    await app.undo();
    await expect.poll(() => app.canvas.yamlText()).toBe(original);

    // The namespace controls add a Baseline deny, show it as on, and remove it.
    await app.canvas.select(app.canvas.namespace('metrics'));
    await app.canvas.panel.getByRole('button', { name: 'Baseline deny egress…' }).click();
    await app.panelPreview.getByRole('button', { name: 'Add Baseline deny egress' }).click();
    await expect(app.baselineOn('egress')).toContainText('Baseline deny egress ✓');
    await app.shot(`baseline-on-${at}`, 'cnpedit');
    await app
      .baselineOn('egress')
      .getByRole('button', { name: 'Remove Baseline deny egress…' })
      .click();
    await expect(app.panelPreview).toContainText(
      'Removes ClusterNetworkPolicy baseline-deny-egress-metrics, which held only the default deny of egress.',
    );
    await expect(app.panelPreview).toContainText(
      /flows? denied now will be allowed: metrics\/prometheus →/,
    );
    await app.shot(`baseline-remove-preview-${at}`, 'cnpedit');
    await app.panelPreview.getByRole('button', { name: 'Remove Baseline deny egress' }).click();
    await expect(app.baselineOn('egress')).toHaveCount(0);
    await expect(
      app.canvas.panel.getByRole('button', { name: 'Baseline deny egress…' }),
    ).toBeVisible();
    await expect.poll(() => app.canvas.yamlText()).toBe(original);
    expect(app.canvas.consoleErrors).toEqual([]);
  });
}

const V1ALPHA1 = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: old-guard
spec:
  priority: 5
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: batch
  ingress:
    - name: no-store
      action: Deny
      from:
        - namespaces:
            namespaceSelector:
              matchLabels:
                kubernetes.io/metadata.name: store
---
apiVersion: v1
kind: Namespace
metadata:
  name: batch
---
apiVersion: v1
kind: Namespace
metadata:
  name: store
`;

test('a v1alpha1 AdminNetworkPolicy migrates from Problems and from the quick fix', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const app = new ClusterPoliciesPage(page);
  await app.canvas.open();
  await app.editor.pasteAll(V1ALPHA1);
  const row = app.deprecated.getByRole('listitem');
  await expect(row).toContainText(
    'AdminNetworkPolicy old-guard uses policy.networking.k8s.io/v1alpha1, which is deprecated',
  );
  await app.shot('problems-migrate-1440x900', 'cnpedit');
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.shot('problems-migrate-1280x720', 'cnpedit');
  await page.setViewportSize({ width: 1440, height: 900 });

  // One click in Problems: the document is a v1alpha2 ClusterNetworkPolicy, the warning gone.
  await row.getByRole('button', { name: /^Migrate AdminNetworkPolicy\/old-guard/ }).click();
  await expect(app.deprecated).toHaveCount(0);
  await expect
    .poll(() => app.canvas.yamlText())
    .toMatch(/^apiVersion: policy\.networking\.k8s\.io\/v1alpha2\nkind: ClusterNetworkPolicy\n/);

  // Undone, the same rewrite is the light bulb's quick fix on the kind line.
  await app.undo();
  await expect.poll(() => app.canvas.yamlText()).toBe(V1ALPHA1);
  await expect(app.deprecated).toHaveCount(1);
  await app.editor.focusEditor('start');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+.');
  const fix = page.getByRole('option', {
    name: 'Migrate old-guard to v1alpha2 (ClusterNetworkPolicy)',
  });
  await expect(fix).toBeVisible();
  await app.shot('quick-fix-1440x900', 'cnpedit');
  // The list sits under Monaco's pointer block: chosen from the keyboard, as the widget says.
  await expect(fix).toHaveClass(/focused/);
  await page.keyboard.press('Enter');
  await expect(app.deprecated).toHaveCount(0);
  await expect
    .poll(() => app.canvas.yamlText())
    .toContain('kind: ClusterNetworkPolicy\nmetadata:\n  name: old-guard');
  expect(app.canvas.consoleErrors).toEqual([]);
});
