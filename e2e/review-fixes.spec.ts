// A reviewer's findings, checked as a person meets them: the probe after a new workspace is
// pasted, the view after a new workspace, where messages appear, and what Export says it saved.
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { CanvasPage } from './pages/canvas.ts';
import { EditorPage } from './pages/editor.ts';
import { syntheticWorkspace } from '../fixtures/synthetic-workspace.ts';
import { THREE_TIER_YAML } from '../src/ui/examples/three-tier.ts';
import { readWorkspace } from '../src/yaml/read-workspace.ts';

const deployment = (name: string, namespace: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: c\n          image: x\n          ports:\n            - containerPort: 8080\n`;

const PAYMENTS = [
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n',
  deployment('ledger', 'payments'),
  deployment('billing', 'payments'),
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: payments\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
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

/** The label of the option a select shows. */
async function shown(select: Locator): Promise<string> {
  return select.evaluate((s: HTMLSelectElement) => s.options[s.selectedIndex]?.textContent ?? '');
}

/** Bounding boxes of every workload node, and of the canvas pane, in page pixels. */
async function boxes(page: Page) {
  const pane = await page.locator('.react-flow').boundingBox();
  // Workloads, and namespaces collapsed to fit (a collapsed namespace stands for its workloads).
  const nodes = await page
    .locator('.react-flow__node-workload, .react-flow__node-namespace.collapsed')
    .evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
  return { pane: pane!, nodes };
}

async function zoom(page: Page): Promise<number> {
  const t = await page.locator('.react-flow__viewport').evaluate((e) => e.style.transform);
  const m = /scale\(([\d.]+)\)/.exec(t);
  return m ? Number(m[1]) : NaN;
}

function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('the probe follows a pasted workspace: two distinct workloads and a verdict', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  const editor = new EditorPage(page);
  await canvas.open();
  const p = probe(page);
  await expect(p.verdict).toHaveText(/(Allowed|Denied) on TCP/);

  await editor.pasteAll(PAYMENTS);
  await expect(canvas.workload('ledger', 'payments')).toBeVisible();
  await expect(p.verdict).toHaveText(/Denied on TCP 8080/);
  const from = await shown(p.from);
  const to = await shown(p.to);
  expect([from, to].sort()).toEqual(['payments/billing', 'payments/ledger']);

  // The same workload at both ends: a hint instead of an empty box.
  await p.to.selectOption({ label: from });
  await expect(p.verdict).toBeHidden();
  await expect(p.box).toContainText('From and To are the same');
  await p.to.selectOption({ label: to });
  await expect(p.verdict).toHaveText(/Denied on TCP 8080/);
  expect(canvas.consoleErrors).toEqual([]);
});

test('pasting a new workspace fits the view to it, names readable; one more workload only pans', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  const editor = new EditorPage(page);
  await canvas.open();
  const big = syntheticWorkspace(6, 4, 1);
  await editor.pasteAll(big);
  // 24 workloads do not all fit at a readable zoom: some namespaces open collapsed.
  await expect(page.locator('.react-flow__node-namespace')).toHaveCount(6);
  await expect(page.locator('.react-flow__node-namespace.collapsed').first()).toBeVisible();
  await canvas.settled();
  // Fit view animates for 200 ms.
  await page.waitForTimeout(400);
  await page.screenshot({ path: '.scratch/shots/review-fit-after-paste.png' });
  // A fit never shrinks names below 10 px: everything is on screen, or the minimap shows the rest.
  expect(await zoom(page)).toBeGreaterThanOrEqual(10 / 14 - 0.001);
  const { pane, nodes } = await boxes(page);
  const inside = nodes.filter(
    (n) =>
      n.x >= pane.x - 1 &&
      n.y >= pane.y - 1 &&
      n.x + n.width <= pane.x + pane.width + 1 &&
      n.y + n.height <= pane.y + pane.height + 1,
  );
  if (inside.length < nodes.length)
    await expect(page.locator('.react-flow__minimap')).toBeVisible();
  expect(inside.length).toBeGreaterThan(0);

  // Adding one workload to what is there keeps the zoom (the view pans to it if need be).
  const before = await zoom(page);
  await editor.pasteAll(`${big}---\n${deployment('extra', 'team-0')}`);
  await expect.poll(() => page.locator('.react-flow__node-namespace').count()).toBe(6);
  await page.waitForTimeout(1000);
  await page.waitForTimeout(400);
  expect(await zoom(page)).toBeCloseTo(before, 3);
  expect(canvas.consoleErrors).toEqual([]);
});

test('messages never cover the zoom controls', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await new CanvasPage(page).settled();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const controls = page.locator('.react-flow__controls');
  const legend = page.getByRole('complementary', { name: 'Canvas legend' });
  const toast = page.locator('.toast');

  await editor.menu('Export', /Copy NetworkPolicies/);
  await expect(toast).toContainText('NetworkPolicies copied to the clipboard.');
  expect(overlaps((await toast.boundingBox())!, (await controls.boundingBox())!)).toBe(false);
  expect(overlaps((await toast.boundingBox())!, (await legend.boundingBox())!)).toBe(false);

  // A long message (an error, which stays until closed), and the YAML pane folded away.
  await page.locator('input[type="file"]').setInputFiles({
    name: `${'a-very-long-file-name-from-a-cluster-dump-'.repeat(4)}.yaml`,
    mimeType: 'text/yaml',
    buffer: Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]),
  });
  await expect(toast).toContainText('is not valid UTF-8');
  await page.screenshot({ path: '.scratch/shots/review-toast-position.png' });
  const canvasBox = (await page.locator('#canvas-area').boundingBox())!;
  for (const yamlOpen of [true, false]) {
    if (!yamlOpen) await editor.button('YAML editor').click();
    await expect(toast).toBeVisible();
    const t = (await toast.boundingBox())!;
    expect(overlaps(t, (await controls.boundingBox())!)).toBe(false);
    expect(overlaps(t, (await legend.boundingBox())!)).toBe(false);
    const area = yamlOpen ? canvasBox : (await page.locator('#canvas-area').boundingBox())!;
    // Over the canvas, not over the YAML pane or the inspector.
    expect(t.x).toBeGreaterThanOrEqual(area.x);
    expect(t.x + t.width).toBeLessThanOrEqual(area.x + area.width);
  }
  await page.screenshot({ path: '.scratch/shots/review-toast-yaml-folded.png' });
});

test('Export says what it downloaded', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  const toast = page.locator('.toast');
  const workspace = readWorkspace(THREE_TIER_YAML);
  const documents = workspace.documents.filter((d) => !d.empty).length;

  const [policies] = await Promise.all([
    page.waitForEvent('download'),
    editor.menu('Export', /Download networkpolicies\.yaml/),
  ]);
  expect(policies.suggestedFilename()).toBe('networkpolicies.yaml');
  await expect(toast).toHaveText(
    new RegExp(`networkpolicies\\.yaml.*${workspace.policies.length} NetworkPolicies`),
  );

  const [whole] = await Promise.all([
    page.waitForEvent('download'),
    editor.menu('Export', /Download workspace\.yaml/),
  ]);
  expect(whole.suggestedFilename()).toBe('workspace.yaml');
  await expect(toast).toHaveText(new RegExp(`workspace\\.yaml.*${documents} documents`));
  expect(editor.consoleErrors).toEqual([]);
});

test('the folded legend shows each item whole or not at all, its button first', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const editor = new EditorPage(page);
  await editor.open();
  const canvas = new CanvasPage(page);
  await canvas.settled();
  const legend = page.getByRole('complementary', { name: 'Canvas legend' });
  const fold = legend.getByRole('button', { name: /Legend$/ });
  if ((await fold.getAttribute('aria-expanded')) === 'true') await fold.click();
  // Cut items, if any: a child of the one-line row that shows only in part.
  const cut = () =>
    legend.locator('.legend-items').evaluate((row) => {
      const r = row.getBoundingClientRect();
      return [...row.children]
        .filter((c) => {
          const b = c.getBoundingClientRect();
          const shown = Math.min(b.bottom, r.bottom) - Math.max(b.top, r.top);
          const inside = b.left >= r.left - 0.5 && b.right <= r.right + 0.5;
          return shown > 0 && (shown < b.height - 0.5 || !inside);
        })
        .map((c) => c.textContent ?? '');
    });
  expect(await cut()).toEqual([]);
  await canvas.select(page.locator('.react-flow__node-workload').first());
  const draw = legend.getByRole('button', { name: /^Draw \d+ denied$/ });
  await expect(draw).toBeVisible();
  expect(await cut()).toEqual([]);
  // The control is on the shown line, so a click reaches it.
  await draw.click();
  await expect(legend.getByRole('button', { name: /^Hide \d+ denied$/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await legend.screenshot({ path: '.scratch/shots/legend-folded-1280.png' });
});
