// A policy selected as a person would (its swatch in the legend bar, or its link in a workload's
// inspector) reads in plain words: the AND peer with a bold "and", the OR peers with a bold "or";
// its rule edges stand out on the canvas and the workloads it selects wear a ring.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { CanvasPage } from './pages/canvas.ts';
import { EditorPage } from './pages/editor.ts';
import { PolicyWordsPage } from './pages/policy-words.ts';

async function openAndOrExample(page: Page) {
  const app = new EditorPage(page);
  const canvas = new CanvasPage(page);
  await app.open();
  await canvas.settled();
  await app.menu('Examples', /AND vs OR peers/);
  const discard = page.getByRole('button', { name: 'Discard and continue' });
  if (await discard.isVisible()) await discard.click();
  await expect(canvas.workload('auditor', 'reporting')).toBeVisible();
  await canvas.settled();
  return { app, canvas, words: new PolicyWordsPage(page) };
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
]) {
  test(`a policy reads in words, AND unlike OR, at ${viewport.width}×${viewport.height}`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const { canvas, words } = await openAndOrExample(page);
    const size = `${viewport.width}x${viewport.height}`;

    // The AND policy, from its swatch in the legend bar (every swatch shown).
    await words.unfoldLegend();
    const andSwatch = words.swatch('ledger-and');
    await andSwatch.click();
    await expect(andSwatch).toHaveAttribute('aria-pressed', 'true');
    await expect(words.inspector.getByRole('heading', { level: 3 })).toContainText(
      'payments/ledger-and',
    );
    await expect(words.inspector.getByTestId('policy-selects')).toHaveText(
      'pods app=ledger in namespace payments (1 workload, ringed on the canvas)',
    );
    await expect(words.inspector).toContainText('Isolates foringress');
    await expect(words.rules).toHaveCount(1);
    const andRule = words.rules.first();
    await expect(andRule).toHaveText(
      /^Ingress rule 1: from pods role=auditor and namespaces team=finance, on TCP 8443/,
    );
    await expect(words.conjunctions(andRule)).toHaveText(['and']);
    expect(await words.conjunctions(andRule).evaluate((e) => getComputedStyle(e).fontWeight)).toBe(
      '700',
    );
    // Counted over the workloads on the canvas (the OR policy's selector draws an inferred one).
    await expect(andRule).toContainText(/from 1 of \d+ workloads \(reporting\/auditor\)/);

    // On the canvas: this policy's edges bold, the other policy's faded, the ledger ringed.
    await expect(canvas.canvas).toHaveAttribute('data-policy', 'payments/ledger-and');
    await expect(words.focusedEdges()).not.toHaveCount(0);
    await expect(words.fadedEdges()).not.toHaveCount(0);
    const focusedWidth = await words
      .focusedEdges()
      .first()
      .locator('.react-flow__edge-path')
      .evaluate((e) => parseFloat(getComputedStyle(e).strokeWidth));
    expect(focusedWidth).toBeGreaterThanOrEqual(3);
    const fadedOpacity = await words
      .fadedEdges()
      .first()
      .evaluate((e) => Number(getComputedStyle(e).opacity));
    expect(fadedOpacity).toBeLessThan(0.5);
    await expect(words.dimmedLabels()).not.toHaveCount(0);
    await expect(words.dimmedLabels().filter({ hasText: 'ledger-and' })).toHaveCount(0);
    await expect(words.ringed()).toHaveCount(1);
    await expect(words.ringed()).toHaveAttribute('data-id', 'payments/ledger');
    await words.shot(`and-${size}`);

    // The OR policy, from the ledger's inspector: its link names the policies that select it.
    await canvas.select(canvas.workload('ledger', 'payments'));
    await expect(canvas.canvas).not.toHaveAttribute('data-policy', /./);
    await canvas.panel.getByRole('button', { name: 'payments/ledger-or' }).first().click();
    await expect(words.inspector.getByRole('heading', { level: 3 })).toContainText(
      'payments/ledger-or',
    );
    await expect(words.swatch('ledger-or')).toHaveAttribute('aria-pressed', 'true');
    await expect(words.swatch('ledger-and')).toHaveAttribute('aria-pressed', 'false');
    const orRule = words.rules.first();
    await expect(orRule).toHaveText(
      /^Ingress rule 1: from every pod in namespaces team=finance or pods role=auditor in this policy's namespace \(payments\), on TCP 8443/,
    );
    await expect(words.conjunctions(orRule)).toHaveText(['or']);
    await expect(orRule).toContainText(/reporting\/auditor, reporting\/dashboard/);
    await expect(canvas.canvas).toHaveAttribute('data-policy', 'payments/ledger-or');
    await expect(words.focusedEdges()).not.toHaveCount(0);
    await words.shot(`or-${size}`);

    // The rule's link shows the rule in the YAML, and the swatch pressed again clears the choice.
    await orRule.getByRole('button', { name: 'Ingress rule 1' }).click();
    await words.swatch('ledger-or').click();
    await expect(words.inspector).toBeHidden();
    await expect(canvas.canvas).not.toHaveAttribute('data-policy', /./);
    expect(canvas.consoleErrors).toEqual([]);
  });
}
