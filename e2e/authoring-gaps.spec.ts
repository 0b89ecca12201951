// Authoring gaps met with real input, checked where the browser is the point: what the toast says
// after drawing from a namespace, and the probe lists keeping placed networks after a paste.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { CanvasPage } from './pages/canvas.ts';
import { EditorPage } from './pages/editor.ts';

const pod = (name: string, ns: string, port?: number) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app: ${name}\nspec:\n  containers:\n    - name: c\n      image: x\n${port ? `      ports:\n        - containerPort: ${port}\n` : ''}`;

const OPS_TO_SHOP = [
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ops\n',
  pod('api', 'shop', 9000),
  pod('agent', 'ops'),
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-egress\n  namespace: ops\nspec:\n  podSelector: {}\n  policyTypes:\n    - Egress\n',
].join('---\n');

function probe(page: Page) {
  const box = page.getByRole('region', { name: 'Probe a flow' });
  return {
    box,
    from: box.getByRole('combobox', { name: 'From', exact: true }),
    to: box.getByRole('combobox', { name: 'To', exact: true }),
    verdict: box.getByRole('status'),
  };
}

test('drawing from an egress-isolated namespace writes both sides and the toast names the ends', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  const editor = new EditorPage(page);
  await canvas.open();
  await editor.pasteAll(OPS_TO_SHOP);
  const api = canvas.workload('api', 'shop');
  await expect(api).toBeVisible();
  await canvas.fitView();
  await canvas.dragEdge(canvas.namespace('ops'), api);
  await expect(canvas.popover).toBeVisible();
  await expect(canvas.popover).toContainText('isolated for egress, so an egress rule is added too');
  await canvas.popover.getByRole('button', { name: 'Allow' }).click();
  const toast = page.locator('.toast');
  await expect(toast).toContainText('Allow namespace ops → shop/api');
  await expect(toast).toContainText('created ops/allow-egress-from-ops');
  await expect(toast).not.toContainText('ns:');
  await expect.poll(() => canvas.yamlText()).toContain('name: allow-egress-from-ops');

  // The probe agrees: agent (in ops) may now reach api.
  const p = probe(page);
  await p.from.selectOption({ label: 'ops/agent' });
  await p.to.selectOption({ label: 'shop/api' });
  await expect(p.verdict).toHaveText(/Allowed on TCP 9000/);
  expect(canvas.consoleErrors).toEqual([]);
});

test('external networks placed by hand stay in the probe lists when a paste replaces the text', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  const editor = new EditorPage(page);
  await canvas.open();
  await page.getByRole('button', { name: 'Add external network' }).click();
  const form = page.getByRole('dialog', { name: 'Add an external network' });
  await form.getByLabel('CIDR').fill('10.0.0.0/8');
  await form.getByLabel(/^Name/).fill('corp network');
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form).toBeHidden();
  const p = probe(page);
  const corp = /^corp network \(10\.0\.0\.\d+\)$/;
  const labels = () =>
    p.from.evaluate((s: HTMLSelectElement) => [...s.options].map((o) => o.textContent ?? ''));
  await expect.poll(labels).toContainEqual(expect.stringMatching(corp));

  await editor.pasteAll(OPS_TO_SHOP);
  await expect(canvas.workload('api', 'shop')).toBeVisible();
  await expect.poll(labels).toContainEqual(expect.stringMatching(corp));
  await expect(canvas.edge('external network corp network (10.0.0.0/8)')).toBeVisible();
  await p.from.selectOption({ label: (await labels()).find((l) => corp.test(l))! });
  await p.to.selectOption({ label: 'shop/api' });
  await expect(p.verdict).toHaveText(/Allowed on TCP 9000/);
  expect(canvas.consoleErrors).toEqual([]);
});

test('the probe names a rejected policy it left out and the port it assumed', async ({ page }) => {
  const canvas = new CanvasPage(page);
  const editor = new EditorPage(page);
  await canvas.open();
  await editor.pasteAll(
    [
      pod('web', 'shop', 8080),
      pod('bare', 'shop'),
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - port: 70000\n',
    ].join('---\n'),
  );
  await expect(canvas.workload('bare', 'shop')).toBeVisible();
  const p = probe(page);
  await p.from.selectOption({ label: 'shop/web' });
  await p.to.selectOption({ label: 'shop/bare' });
  await expect(p.verdict).toHaveText(/Allowed on TCP 80/);
  await expect(p.box).toContainText('shop/bare declares no container ports, so TCP 80 was assumed');
  const leftOut = p.box.getByRole('list', { name: 'Left out of ingress' });
  await expect(leftOut).toContainText('shop/default-deny');
  await expect(leftOut).toContainText('rejected: spec.ingress[0].ports[0].port');
  await page.screenshot({ path: '.scratch/shots/authoring-gaps-left-out.png' });
  expect(canvas.consoleErrors).toEqual([]);
});
