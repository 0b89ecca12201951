// Diagram export as a person uses it: Export → Diagram as SVG saves the whole workspace with its
// legend; with a workload selected, the diagram is of its flows, and the PNG is that picture at
// twice its size. All of it in the page, under the app's Content-Security-Policy.
import { expect, test } from '@playwright/test';
import { CanvasPage } from './pages/canvas.ts';
import { DiagramExport, pngSize, svgTexts } from './pages/diagram-export.ts';

test('the canvas exports as an SVG and a PNG diagram, with a legend', async ({ page }) => {
  await page.addInitScript(`
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI);
    });
  `);
  const canvas = new CanvasPage(page);
  const diagram = new DiagramExport(page);
  await canvas.open();

  // The whole workspace: every workload, every policy rule drawn on the canvas, every policy named.
  const names = await canvas.canvas.locator('.wl-name').allTextContents();
  expect(names.length).toBeGreaterThanOrEqual(4);
  const edgeLabels = await canvas.canvas
    .locator('.react-flow__edge-policy')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const policies = new Set(edgeLabels.map((l) => /^policy (\S+)/.exec(l)?.[1] ?? l));
  const whole = await diagram.save('SVG');
  expect(whole.download.suggestedFilename()).toBe('netpol-diagram.svg');
  const svg = whole.bytes.toString('utf8');
  // Kept beside the run's results, to be looked at.
  await whole.download.saveAs(test.info().outputPath('workspace.svg'));
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  const shown = svgTexts(svg);
  for (const name of names) expect(shown.some((t) => t.endsWith(name))).toBe(true);
  expect(shown).toContain('Legend');
  for (const policy of policies) expect(shown).toContain(policy);
  expect(svg.match(/<path data-edge=""/g)?.length).toBe(edgeLabels.length);

  // A selected workload: its flows, named in the menu; the PNG is the same picture at 2×.
  await canvas.select(canvas.workload('api', 'shop'));
  await expect(canvas.canvas).toHaveAttribute('data-highlight', 'shop/api');
  const flowCount = await canvas.canvas.locator('.react-flow__edge-flow').count();
  expect(flowCount).toBeGreaterThan(0);
  await expect(await diagram.item('SVG')).toContainText('The flows of shop/api');
  await page.keyboard.press('Escape');
  const flows = await diagram.save('SVG');
  expect(flows.download.suggestedFilename()).toBe('netpol-flows-shop-api.svg');
  await flows.download.saveAs(test.info().outputPath('flows.svg'));
  const flowSvg = flows.bytes.toString('utf8');
  expect(svgTexts(flowSvg)).toContain('Flows of shop/api');
  expect(svgTexts(flowSvg)).toContain('✗ denied');
  expect(flowSvg.match(/<path data-edge=""/g)?.length).toBe(flowCount);
  const svgWidth = Number(/^<svg [^>]*width="(\d+)"/.exec(flowSvg)?.[1]);
  const svgHeight = Number(/^<svg [^>]*height="(\d+)"/.exec(flowSvg)?.[1]);

  const png = await diagram.save('PNG');
  expect(png.download.suggestedFilename()).toBe('netpol-flows-shop-api.png');
  await png.download.saveAs(test.info().outputPath('flows.png'));
  const size = pngSize(png.bytes);
  expect(size).toEqual({ width: 2 * svgWidth, height: 2 * svgHeight });
  await expect(page.getByText('Saved netpol-flows-shop-api.png')).toBeVisible();

  expect(await page.evaluate('window.__cspViolations')).toEqual([]);
  expect(canvas.consoleErrors).toEqual([]);
});
