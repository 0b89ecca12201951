// The canvas acted out as a person: look at the example, select a workload and read its flows,
// draw an edge with the mouse and pick a port, delete it, paste policy-only YAML.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { CanvasPage } from './pages/canvas.ts';
import { EditorPage } from './pages/editor.ts';

const POLICY_ONLY = ['web', 'api', 'db']
  .map(
    (tier, i, all) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${tier}
  namespace: myapp
spec:
  podSelector:
    matchLabels:
      tier: ${tier}
  ingress:
    - ${i === 0 ? 'ports' : `from:\n        - podSelector:\n            matchLabels:\n              tier: ${all[i - 1]}\n      ports`}:
        - port: ${[8080, 8000, 5432][i]}
`,
  )
  .join('---\n');

test('the example shows namespaces, workloads, badges and policy edges', async ({ page }) => {
  const canvas = new CanvasPage(page);
  await canvas.open();
  await expect(canvas.namespace('shop')).toBeVisible();
  await expect(canvas.namespace('monitoring')).toBeVisible();
  for (const name of ['web', 'api', 'db'])
    await expect(canvas.workload(name, 'shop')).toHaveAccessibleName(
      `workload ${name} in namespace shop, isolated for ingress and egress`,
    );
  await expect(canvas.workload('prometheus', 'monitoring')).toContainText('out open');
  // DNS lives in kube-system, which the text only names in a selector.
  await expect(canvas.workload('k8s-app=kube-dns', 'kube-system')).toContainText(
    'inferred from selector',
  );
  await expect(
    canvas.edge(/^policy shop\/api ingress rule 1, peer 1: from web to api/),
  ).toHaveCount(1);
  await canvas.shot('01-example');
  expect(canvas.consoleErrors).toEqual([]);
});

test('selecting a workload shows allowed and denied flows, by line style and icon', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  await canvas.open();
  await canvas.select(canvas.workload('api', 'shop'));
  // Denied flows are markers on their peers until the legend draws them.
  await expect(canvas.workload('db', 'shop').locator('.denied-marker')).toBeVisible();
  await canvas.showDeniedFlows();
  const inbound = canvas.flow('web', 'api');
  await expect(inbound).toHaveAccessibleName(
    'flow from web to api: allowed on TCP 8000; denied on TCP 9090',
  );
  await expect(canvas.flow('api', 'db')).toHaveAccessibleName(/allowed on TCP 5432$/);
  const denied = canvas.flow('db', 'api');
  await expect(denied).toHaveAccessibleName(/denied on TCP 8000, TCP 9090$/);
  // Denied is dashed, allowed is solid: more than colour.
  const dash = (l: typeof denied) =>
    l.locator('path.react-flow__edge-path').evaluate((p) => getComputedStyle(p).strokeDasharray);
  expect(await dash(denied)).not.toBe('none');
  expect(await dash(canvas.flow('api', 'db'))).toBe('none');
  await expect(canvas.panel.getByRole('heading', { name: /api/ })).toBeVisible();
  await canvas.shot('02-highlight-api');

  // Clicking a flow explains it, naming the rule that allowed each side.
  await canvas.flow('api', 'db').focus();
  await page.keyboard.press('Enter');
  await expect(canvas.panel.getByText('Allowed on TCP 5432')).toBeVisible();
  await expect(canvas.panel.getByRole('button', { name: /shop\/db ingress rule 1/ })).toBeVisible();
  await canvas.shot('03-explain-flow');
  expect(canvas.consoleErrors).toEqual([]);
});

test('dragging from a handle to another workload opens the port popover', async ({ page }) => {
  const canvas = new CanvasPage(page);
  await canvas.open();
  await canvas.dragEdge(canvas.workload('web', 'shop'), canvas.workload('db', 'shop'));
  await expect(canvas.popover).toHaveAccessibleName('Allow traffic from web to db');
  await canvas.popover.getByRole('radio', { name: /TCP 5432/ }).check();
  await canvas.popover.getByRole('radio', { name: 'Range' }).check();
  await canvas.popover.getByRole('textbox', { name: 'First port' }).fill('9000');
  await canvas.popover.getByRole('textbox', { name: 'Last port' }).fill('8000');
  await expect(canvas.popover.getByText('The range ends before it starts.')).toBeVisible();
  await expect(canvas.popover.getByRole('button', { name: 'Allow' })).toBeDisabled();
  await canvas.popover.getByRole('radio', { name: /TCP 5432/ }).check();
  await canvas.shot('04-connect-popover');
  await page.keyboard.press('Escape');
  await expect(canvas.popover).toBeHidden();
  expect(canvas.consoleErrors).toEqual([]);
});

// Needs src/authoring (addAllowEdge, removeEdge), which has not landed yet: canvas-actions.ts is
// the one place to wire it.
test('drawing an edge with the mouse allows the flow; Delete removes it', async ({ page }) => {
  const canvas = new CanvasPage(page);
  await canvas.open();
  const web = canvas.workload('web', 'shop');
  const db = canvas.workload('db', 'shop');
  await canvas.select(web);
  await canvas.showDeniedFlows();
  await expect(canvas.flow('web', 'db')).toHaveAccessibleName(/denied on TCP 5432$/);
  // Clicking empty space leaves highlight mode, whose flow lines would cover the drop target.
  await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });

  await canvas.dragEdge(web, db);
  await expect(canvas.popover).toBeVisible();
  await canvas.popover.getByRole('radio', { name: /TCP 5432/ }).check();
  await canvas.popover.getByRole('button', { name: 'Allow' }).click();
  await expect(canvas.popover).toBeHidden();

  // The text gained the rule, and the evaluator now allows the flow.
  await expect.poll(() => canvas.yamlText()).toMatch(/app: web[\s\S]*port: 5432/);
  await canvas.select(web);
  await expect(canvas.flow('web', 'db')).toHaveAccessibleName(/allowed on TCP 5432$/);
  await canvas.shot('05-after-draw');

  const before = await canvas.yamlText();
  const edge = canvas.edge(/^policy shop\/db ingress rule \d+, peer \d+: from web to db/);
  await expect(edge).toHaveCount(1);
  // Edges are focusable: select the new one from the keyboard, then delete it.
  await edge.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(edge).toHaveCount(0);
  expect((await canvas.yamlText()).length).toBeLessThan(before.length);
  await canvas.select(web);
  await canvas.showDeniedFlows();
  await expect(canvas.flow('web', 'db')).toHaveAccessibleName(/denied on TCP 5432$/);
  expect(canvas.consoleErrors).toEqual([]);
});

test('policy-only YAML draws dashed workloads inferred from selectors', async ({ page }) => {
  const canvas = new CanvasPage(page);
  const editor = new EditorPage(page);
  await canvas.open();
  await editor.pasteAll(POLICY_ONLY);
  for (const tier of ['web', 'api', 'db']) {
    const node = canvas.workload(`tier=${tier}`, 'myapp');
    await expect(node).toHaveAccessibleName(
      `inferred workload tier=${tier} (inferred from selector) in namespace myapp, isolated for ingress`,
    );
    await expect(node.locator('.wl-node')).toHaveCSS('border-top-style', 'dashed');
  }
  await canvas.settled();
  await canvas.select(canvas.workload('tier=api', 'myapp'));
  await expect(canvas.flow('tier=web', 'tier=api')).toHaveAccessibleName(/allowed on TCP 8000$/);
  await canvas.showDeniedFlows();
  await expect(canvas.flow('tier=db', 'tier=api')).toHaveAccessibleName(/denied on TCP 8000$/);
  await canvas.shot('06-inferred');
  expect(canvas.consoleErrors).toEqual([]);
});

test('the toolbar adds a workload and a namespace through a form, refusing invalid names', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  await canvas.open();
  await page.getByRole('button', { name: 'Add workload' }).click();
  const form = page.getByRole('dialog', { name: 'Add a workload (Deployment)' });
  await expect(form).toBeVisible();
  await form.getByLabel('Namespace').fill('shop');
  await form.getByLabel('Name', { exact: true }).fill('Cache_1');
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form.getByRole('alert')).toContainText('RFC 1123 subdomain');
  await form.getByLabel('Name', { exact: true }).fill('cache');
  await form.getByLabel(/^Labels/).fill('app=cache, tier=backend');
  await form.getByLabel('Port', { exact: true }).fill('6379');
  await form.getByLabel('Port name').fill('redis');
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form).toBeHidden();
  await expect
    .poll(() => canvas.yamlText())
    .toMatch(/kind: Deployment\n[\s\S]*name: cache\n[\s\S]*containerPort: 6379/);
  await expect(canvas.workload('cache', 'shop')).toBeVisible();

  await canvas.settled();
  const placed = await canvas.positions();
  await page.getByRole('button', { name: 'Add namespace' }).click();
  const nsForm = page.getByRole('dialog', { name: 'Add a namespace' });
  await nsForm.getByLabel('Name', { exact: true }).fill('payments');
  await nsForm.getByRole('button', { name: 'Add' }).click();
  await expect(nsForm).toBeHidden();
  await expect
    .poll(() => canvas.yamlText())
    .toMatch(/kind: Namespace\nmetadata:\n {2}name: payments\n/);
  // A small edit moves nothing that was there; the new namespace comes into sight.
  await expect(canvas.namespace('payments')).toBeInViewport();
  await page.waitForTimeout(500);
  const now = await canvas.positions();
  for (const [id, at] of Object.entries(placed)) expect(now[id], id).toBe(at);
  await canvas.shot('06-namespace-added');
  // One undo step per gesture.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => canvas.yamlText()).not.toContain('name: payments');
  expect(canvas.consoleErrors).toEqual([]);
});

/** Fills the toolbar's "Add external network" form and submits it; returns the form. */
async function addNetwork(page: Page, cidr: string, name: string) {
  await page.getByRole('button', { name: 'Add external network' }).click();
  const form = page.getByRole('dialog', { name: 'Add an external network' });
  await form.getByLabel('CIDR').fill(cidr);
  await form.getByLabel(/^Name/).fill(name);
  await form.getByRole('button', { name: 'Add' }).click();
  return form;
}

test('the toolbar places an external network; an edge to it writes an ipBlock; it survives a reload', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  await canvas.open();
  const placed = await canvas.positions();
  const form = await addNetwork(page, '10.0.0.1/8', 'corp network');
  await expect(form.getByRole('alert')).toContainText('did you mean 10.0.0.0/8?');
  await form.getByLabel('CIDR').fill('10.0.0.0/8');
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form).toBeHidden();
  const corp = canvas.edge('external network corp network (10.0.0.0/8)');
  await expect(corp).toBeVisible();
  await canvas.settled();
  await page.waitForTimeout(500);
  await expect(corp).toBeInViewport();
  const now = await canvas.positions();
  for (const [id, at] of Object.entries(placed)) expect(now[id], id).toBe(at);
  // Placing a network is not a manifest change.
  expect(await canvas.yamlText()).not.toContain('10.0.0.0/8');
  await canvas.shot('07-external-placed');

  const web = canvas.workload('web', 'shop');
  await canvas.dragEdge(web, corp);
  await expect(canvas.popover).toBeVisible();
  await canvas.popover.getByRole('button', { name: 'Allow' }).click();
  await expect(canvas.popover).toBeHidden();
  await expect.poll(() => canvas.yamlText()).toMatch(/ipBlock:\n\s+cidr: 10\.0\.0\.0\/8/);
  await canvas.select(web);
  await expect(canvas.flow('web', 'corp network')).toHaveAccessibleName(/allowed on TCP 443$/);

  await page.reload();
  await canvas.settled();
  await expect(canvas.edge('external network corp network (10.0.0.0/8)')).toBeVisible();
  expect(canvas.consoleErrors).toEqual([]);
});

test('drawing to the internet from a workload with open egress warns it becomes egress-isolated and keeps DNS', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  await canvas.open();
  await addNetwork(page, '0.0.0.0/0', 'internet');
  const internet = canvas.edge('external network internet (0.0.0.0/0)');
  await expect(internet).toBeVisible();
  // The new node is laid out with the rest and the view moves to it: drag once it is still.
  await canvas.settled();
  await page.waitForTimeout(500);

  // prometheus (monitoring has no egress deny) scrapes web, api and db today.
  const prometheus = canvas.workload('prometheus', 'monitoring');
  await canvas.dragEdge(prometheus, internet);
  await expect(canvas.popover).toBeVisible();
  const warning = canvas.popover.getByText(/source becomes isolated for egress/);
  await expect(warning).toContainText(/3 flows from it to workloads/);
  const dns = canvas.popover.getByRole('checkbox', { name: /Keep DNS/ });
  await expect(dns).toBeChecked();
  await canvas.shot('08-egress-isolation-warning');
  // Traffic to a network is most often HTTPS: the popover starts there.
  await expect(canvas.popover.getByLabel('Port number')).toHaveValue('443');
  await canvas.popover.getByRole('button', { name: 'Allow' }).click();
  await expect(canvas.popover).toBeHidden();

  const text = await canvas.yamlText();
  expect(text).toContain('name: allow-egress-from-prometheus');
  expect(text).toMatch(/ipBlock:\n\s+cidr: 0\.0\.0\.0\/0/);
  await canvas.select(prometheus);
  await expect(canvas.flow('prometheus', 'internet')).toHaveAccessibleName(/allowed on TCP 443$/);
  await canvas.showDeniedFlows();
  await expect(canvas.flow('prometheus', 'web')).toHaveAccessibleName(/denied/);
  await expect(canvas.namespace('monitoring')).toBeVisible();
  expect(canvas.consoleErrors).toEqual([]);
});

test('a namespace default-deny egress offers DNS, and leaves it out when the user unticks it', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  await canvas.open();
  await canvas.select(canvas.namespace('monitoring'));
  const inspector = canvas.panel.getByRole('region', { name: 'Namespace' });
  const dns = inspector.getByRole('checkbox', { name: /keep DNS/ });
  await expect(dns).toBeChecked();
  await dns.uncheck();
  await inspector.getByRole('checkbox', { name: 'Default deny egress' }).click();
  // Denying egress breaks prometheus's drawn scrapes of the shop: the toggle asks first.
  await page
    .getByRole('dialog', { name: /by default in monitoring/ })
    .getByRole('button', { name: 'Deny anyway' })
    .click();
  await expect(inspector.getByRole('checkbox', { name: 'Default deny egress' })).toBeChecked();
  // Once egress is denied the DNS choice is gone; the policy has no rule at all.
  await expect(dns).toBeHidden();
  const text = await canvas.yamlText();
  const policy = text
    .split('\n---\n')
    .find((d) => /namespace: monitoring/.test(d) && /egress/.test(d) && /NetworkPolicy/.test(d));
  expect(policy).toBeDefined();
  expect(policy).not.toContain('53');
  await canvas.select(canvas.workload('prometheus', 'monitoring'));
  await expect(canvas.workload('prometheus', 'monitoring')).toHaveAccessibleName(
    /isolated for egress/,
  );
});
