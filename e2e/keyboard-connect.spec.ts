// Drawing an allowed edge with the keyboard only: Tab to a workload, select it with Enter or Space,
// pick the other end in the side panel's "Allow traffic" form, choose a port in the same popover
// the mouse gesture opens, and Allow (or Escape, which edits nothing).
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { CanvasPage } from './pages/canvas.ts';

/** The YAML document of one NetworkPolicy of the example, by name. */
function policy(text: string, name: string): string {
  const doc = text
    .split(/^---$/m)
    .find((d) => /^kind: NetworkPolicy$/m.test(d) && new RegExp(`^  name: ${name}$`, 'm').test(d));
  return doc ?? '';
}

test('a keyboard user selects a workload and allows traffic to another one', async ({ page }) => {
  const canvas = new CanvasPage(page);
  await canvas.open();
  const web = canvas.workload('web', 'shop');
  await canvas.tabPastEditor();
  await canvas.tabTo(web);
  await page.keyboard.press('Enter');
  await expect(canvas.canvas).toHaveAttribute('data-highlight', 'shop/web');
  await expect(canvas.panel.getByRole('heading', { name: 'Deployment web' })).toBeVisible();
  // web may not reach db yet: a denied flow, summarised as a marker on db until drawn.
  await expect(
    canvas
      .workload('db', 'shop')
      .getByRole('button', { name: /^\d+ denied flows? with the selected workload \(.*out/ }),
  ).toBeVisible();

  // The other end: the list offers the other workloads by name and namespace.
  const to = canvas.allowTraffic('to');
  await canvas.tabTo(to);
  await page.keyboard.type('db');
  await expect(to).toHaveValue('shop/db');
  await page.keyboard.press('Tab');
  const ports = canvas.panel.getByRole('button', { name: 'Choose ports for traffic to db (shop)' });
  await expect(ports).toBeFocused();
  await page.keyboard.press('Enter');

  // The mouse gesture's popover, its first control focused; arrows move between the port options.
  await expect(canvas.popover).toHaveAccessibleName('Allow traffic from web to db');
  const declared = canvas.popover.getByRole('radio', { name: 'TCP 5432 (postgres)' });
  await expect(declared).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(canvas.popover.getByRole('radio', { name: 'Port', exact: true })).toBeChecked();
  await page.keyboard.press('ArrowUp');
  await expect(declared).toBeChecked();
  await expect(ports).toHaveAttribute('aria-expanded', 'true');
  const axe = await new AxeBuilder({ page }).include('.side-panel').include('.connect-popover');
  const violations = (await axe.analyze()).violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  await page.screenshot({ path: '.scratch/keyboard-connect.png' });

  // Tabbing past the port fields to Allow keeps the declared port chosen.
  const allow = canvas.popover.getByRole('button', { name: 'Allow' });
  await canvas.tabTo(allow);
  await expect(declared).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(canvas.popover).toBeHidden();
  // Focus goes back to the list, ready for the next edge; the notice says what the edit did.
  await expect(to).toBeFocused();
  await expect(to).toHaveValue('');
  await expect(page.locator('.toast')).toContainText('Allow shop/web → shop/db: extended shop/db');

  // The text gained the rule, and the evaluator now allows the flow.
  await expect.poll(async () => policy(await canvas.yamlText(), 'db')).toMatch(/app: web/);
  await expect(canvas.flow('web', 'db')).toHaveAccessibleName(/allowed on TCP 5432$/);
  expect(canvas.consoleErrors).toEqual([]);
});

test('Space selects a node too; Escape closes the popover without editing', async ({ page }) => {
  const canvas = new CanvasPage(page);
  await canvas.open();
  await canvas.tabPastEditor();
  await canvas.tabTo(canvas.workload('api', 'shop'));
  await page.keyboard.press(' ');
  await expect(canvas.canvas).toHaveAttribute('data-highlight', 'shop/api');
  await expect(canvas.panel.getByRole('heading', { name: 'Deployment api' })).toBeVisible();

  // "From" offers namespaces as sources as well; "to" never offers one.
  const from = canvas.allowTraffic('from');
  await expect(from.getByRole('option', { name: 'all pods in monitoring' })).toHaveCount(1);
  await expect(canvas.allowTraffic('to').getByRole('option', { name: /^all pods in/ })).toHaveCount(
    0,
  );
  const before = await canvas.yamlText();

  await canvas.tabTo(from);
  await page.keyboard.type('prometheus');
  await expect(from).toHaveValue('monitoring/prometheus');
  await page.keyboard.press('Tab');
  const ports = canvas.panel.getByRole('button', {
    name: 'Choose ports for traffic from prometheus (monitoring)',
  });
  await expect(ports).toBeFocused();
  await page.keyboard.press(' ');
  await expect(canvas.popover).toHaveAccessibleName('Allow traffic from prometheus to api');
  await expect(canvas.popover.getByRole('radio', { name: 'TCP 8000 (http)' })).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(canvas.popover).toBeHidden();
  await expect(ports).toBeFocused();
  await expect(ports).toHaveAttribute('aria-expanded', 'false');
  expect(await canvas.yamlText()).toBe(before);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  expect(canvas.consoleErrors).toEqual([]);
});

test('Escape on a selected node clears the selection and the inspector follows', async ({
  page,
}) => {
  const canvas = new CanvasPage(page);
  await canvas.open();
  const api = canvas.workload('api', 'shop');
  await canvas.tabPastEditor();
  await canvas.tabTo(api);
  await page.keyboard.press('Enter');
  await expect(canvas.canvas).toHaveAttribute('data-highlight', 'shop/api');
  await page.keyboard.press('Escape');
  await expect(canvas.canvas).toHaveAttribute('data-highlight', '');
  await expect(canvas.panel.getByRole('heading', { name: 'Nothing selected' })).toBeVisible();
});

test('skip links take a keyboard user past the canvas to the inspector', async ({ page }) => {
  const canvas = new CanvasPage(page);
  await canvas.open();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the canvas' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  // The links float over the page: the toolbar stays at the top of the window.
  expect((await page.getByRole('toolbar').first().boundingBox())?.y).toBe(0);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the inspector' })).toBeFocused();
  await page.keyboard.press('Enter');
  // The next Tab lands inside the side panel, not on the toolbar or a canvas node.
  await page.keyboard.press('Tab');
  await expect(canvas.panel.locator(':focus')).toHaveCount(1);
});
