// The reachability matrix on the built-in example and on 1,000 workloads: cells say what the
// engine computes (asked here of the same engine the CLI runs), a click explains the flow in the
// inspector, the port filter and the namespace toggles work, and the tabs work from the keyboard.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { buildEngineIndex, evaluateFlow } from '../src/engine/evaluate.ts';
import { withInferred } from '../src/model/infer-workloads.ts';
import type { Workload } from '../src/model/types.ts';
import { readWorkspace } from '../src/yaml/read-workspace.ts';
import { DEFAULT_EXAMPLE_YAML } from '../src/ui/examples/examples.ts';
import { syntheticWorkspace } from '../fixtures/synthetic-workspace.ts';
import { MatrixPage } from './pages/matrix.ts';

mkdirSync('.scratch/matrix', { recursive: true });

const index = buildEngineIndex(withInferred(readWorkspace(DEFAULT_EXAMPLE_YAML)));
const workload = (id: string) => index.workloads.find((w) => w.id === id) as Workload;

/** The engine's verdict on each declared port of `to` (or on `port`), as the matrix words it. */
function expected(from: string, to: string, port?: number): string {
  const dst = workload(to);
  const ports = port === undefined ? dst.ports : [{ port, protocol: 'TCP' as const }];
  const verdicts = ports.map(
    (p) =>
      evaluateFlow(index, {
        from: { kind: 'workload', workload: workload(from) },
        to: { kind: 'workload', workload: dst },
        port: p.port,
        protocol: p.protocol,
      }).allowed,
  );
  const k = verdicts.filter(Boolean).length;
  const word = k === 0 ? 'denied' : k === verdicts.length ? 'allowed' : 'some ports allowed';
  const detail =
    word === 'some ports allowed'
      ? ports.map((p, i) => `${p.protocol} ${p.port} ${verdicts[i] ? 'allowed' : 'denied'}`)
      : ports.map((p) => `${p.protocol} ${p.port}`);
  return `${from} → ${to}: ${word} (${detail.join(', ')})`;
}

async function openExample(page: Page): Promise<MatrixPage> {
  await page.goto('/');
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 20_000 });
  const matrix = new MatrixPage(page);
  await matrix.open();
  return matrix;
}

test('the example: hover says the verdict the engine computes, a click explains it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const matrix = await openExample(page);
  await expect(matrix.tab('Matrix')).toHaveAttribute('aria-selected', 'true');

  // web → api: the engine allows 8000 and denies the metrics port.
  const webApi = expected('shop/web', 'shop/api');
  expect(webApi).toContain('TCP 8000 allowed');
  expect(await matrix.hoverCell('shop/web', 'shop/api')).toBe(webApi);
  const webDb = expected('shop/web', 'shop/db');
  expect(webDb).toContain(': denied');
  expect(await matrix.hoverCell('shop/web', 'shop/db')).toBe(webDb);
  expect(await matrix.hoverCell('monitoring/prometheus', 'shop/web')).toBe(
    expected('monitoring/prometheus', 'shop/web'),
  );
  await matrix.page.mouse.move(0, 0);
  await matrix.shot('example-1440x900');

  await matrix.clickCell('shop/web', 'shop/db');
  await expect(matrix.flowHeading('shop/web', 'shop/db')).toBeVisible();
  await expect(matrix.panel.getByText(/denied/i).first()).toBeVisible();
  await expect(
    matrix.view.getByText('Explaining shop/web → shop/db in the inspector.'),
  ).toBeVisible();

  // axe: no serious or critical violation in the tabs and the matrix view.
  const axe = await new AxeBuilder({ page })
    .include('.view-tablist')
    .include('[data-testid="matrix-view"]')
    .analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);

  // The coverage summary names each namespace with a score out of 100.
  await expect(matrix.coverage.getByRole('heading', { name: /Coverage \d+\/100/ })).toBeVisible();
  await expect(matrix.coverage.locator('details[data-namespace="shop"]')).toBeVisible();
});

test('the example: the port filter, the namespace toggle and the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const matrix = await openExample(page);

  await matrix.filter('8000', 'TCP');
  expect(await matrix.hoverCell('shop/web', 'shop/api')).toBe(
    expected('shop/web', 'shop/api', 8000),
  );
  expect(await matrix.hoverCell('monitoring/prometheus', 'shop/api')).toBe(
    expected('monitoring/prometheus', 'shop/api', 8000),
  );
  await matrix.filter('70000');
  await expect(matrix.view.getByRole('alert')).toContainText('between 1 and 65535');
  await matrix.filter('');

  await matrix.toggle('shop', 'Collapse').click();
  await expect(matrix.rowHeader('shop/web')).toHaveCount(0);
  await expect(matrix.rowHeader('namespace shop (3 workloads)')).toBeVisible();
  const folded = await matrix.hoverCell(
    'namespace shop (3 workloads)',
    'namespace shop (3 workloads)',
  );
  expect(folded).toMatch(
    /^namespace shop \(3 workloads\) → namespace shop \(3 workloads\): .*6 workload pairs/,
  );
  await matrix.page.mouse.move(0, 0);
  await matrix.shot('example-collapsed-1280x720');
  await matrix.toggle('shop', 'Expand').click();
  await expect(matrix.rowHeader('shop/web')).toBeVisible();

  // Keyboard: the grid takes focus, arrows move, Enter explains the cell under the cursor.
  await matrix.grid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const announced = page.getByTestId('matrix-cursor');
  await expect(announced).not.toHaveText('');
  const said = (await announced.textContent()) ?? '';
  const [from = '', to = ''] = said.split(':')[0]!.split(' → ');
  await page.keyboard.press('Enter');
  await expect(matrix.flowHeading(from, to)).toBeVisible();
  await matrix.shot('example-1280x720');

  // The tabs: arrow keys move between them.
  await matrix.tab('Matrix').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(matrix.tab('Canvas')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('canvas')).toBeVisible();
});

test('1,000 workloads: the matrix opens and a cell click explains the flow', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await page.evaluate(
    ([key, t]) => localStorage.setItem(key, JSON.stringify({ text: t, positions: {} })),
    ['netpol-canvas:workspace:v1', syntheticWorkspace(20, 50, 5)] as const,
  );
  await page.reload();
  // The canvas lays out first (the bench times the matrix on a settled page; this checks it works).
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-layout', 'done', {
    timeout: 90_000,
  });
  const matrix = new MatrixPage(page);
  await matrix.open(60_000);
  await expect(matrix.grid).toHaveAttribute('data-lines', '1000');
  const said = await matrix.hoverCell('team-0/svc-1', 'team-0/svc-2');
  expect(said).toMatch(/^team-0\/svc-1 → team-0\/svc-2: /);
  await matrix.clickCell('team-0/svc-1', 'team-0/svc-2');
  await expect(matrix.flowHeading('team-0/svc-1', 'team-0/svc-2')).toBeVisible({ timeout: 20_000 });
  await matrix.shot('large-1440x900');
});
