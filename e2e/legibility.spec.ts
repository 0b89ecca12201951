// Does the canvas read at a glance? For the built-in examples and generated workspaces of 40 and
// 200 workloads, at 1440×900 and 1280×720, in the first view, after Fit view and with a few
// workloads selected, it measures the rendered DOM (see e2e/pages/legibility.ts): overlapping edge
// labels, labels over node text, edges through nodes, the smallest workload name, covered buttons
// and nodes cut off after the fit. Every row lands in test-results/legibility.json and
// legibility.md with a screenshot per view; then the targets are asserted.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { LEGIBILITY_WORKSPACES } from '../fixtures/legibility-workspaces.ts';
import { EXAMPLES } from '../src/ui/examples/examples.ts';
import {
  LEGIBILITY_SELECTORS,
  LegibilityPage,
  legibilityTable,
  targetFailures,
} from './pages/legibility.ts';
import type { LegibilityRow } from './pages/legibility.ts';

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
] as const;
/** Up to this many workloads everything must fit on screen with names of 10 px or more. */
const READABLE_UP_TO = 40;
const SELECTIONS = 3;

interface Workspace {
  readonly id: string;
  /** Known for generated workspaces; counted on the canvas for the examples. */
  readonly workloads: number | null;
  readonly load: (app: LegibilityPage) => Promise<void>;
}

const WORKSPACES: readonly Workspace[] = [
  // The first example is what a first visit shows; the others come from the Examples menu.
  ...EXAMPLES.map((e, i) => ({
    id: e.id,
    workloads: null,
    load: (app: LegibilityPage) => (i === 0 ? Promise.resolve() : app.openExample(e.title)),
  })),
  ...LEGIBILITY_WORKSPACES.map((w) => ({
    id: w.id,
    workloads: w.workloads,
    load: (app: LegibilityPage) => app.paste(w.yaml, w.workloads),
  })),
];

const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');

/**
 * Gathers every workspace's rows written so far in this run into legibility.json and a table in
 * legibility.md, in the run's output directory (test-results/ unless --output says otherwise;
 * Playwright empties it when a run starts).
 */
function writeReport(root: string, out: string): void {
  const rows = readdirSync(out)
    .filter((f) => f.startsWith('rows-') && f.endsWith('.json'))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(join(out, f), 'utf8')) as LegibilityRow[]);
  writeFileSync(join(root, 'legibility.json'), `${JSON.stringify(rows, null, 2)}\n`);
  writeFileSync(join(root, 'legibility.md'), `${legibilityTable(rows)}\n`);
}

/** Every measured view of one workspace at one window size, added to `rows` as it is measured. */
async function measureWorkspace(
  page: Page,
  ws: Workspace,
  vp: { readonly width: number; readonly height: number },
  out: string,
  rows: LegibilityRow[],
  unmeasured: string[],
): Promise<void> {
  const viewport = `${vp.width}x${vp.height}`;
  const app = new LegibilityPage(page);
  await app.open(vp.width, vp.height);
  await ws.load(app);
  const workloads = ws.workloads ?? (await app.page.locator(LEGIBILITY_SELECTORS.workload).count());
  const small = workloads <= READABLE_UP_TO;
  const record = async (view: string, offscreen: boolean) => {
    const screenshot = join(out, `${ws.id}-${viewport}-${slug(view)}.png`);
    const metrics = await app.measure({ offscreen });
    await app.shot(screenshot);
    const measuredAt = new Date().toISOString();
    rows.push({ workspace: ws.id, workloads, viewport, view, screenshot, measuredAt, ...metrics });
  };
  // (f) after the app's own fit, and after Fit view, only where all of it can be legible at once.
  await record('initial', small);
  await app.fitView();
  if (small) await record('fit view', true);
  // Chosen with everything on screen; each is clicked from the view the previous one left.
  for (const id of await app.pickWorkloads(SELECTIONS)) {
    const problem = await app.selectWorkload(id);
    if (problem) unmeasured.push(`${viewport}: ${problem}`);
    else await record(`select ${id}`, false);
  }
}

for (const ws of WORKSPACES)
  test(
    `legibility: ${ws.id} reads at a glance at 1440×900 and 1280×720`,
    { tag: '@legibility' },
    async ({ browser }) => {
      // ELK on ~50 nodes takes seconds on a quiet machine and much longer on a busy one.
      test.setTimeout(600_000);
      const root = test.info().project.outputDir;
      const out = join(root, 'legibility');
      mkdirSync(out, { recursive: true });
      const rows: LegibilityRow[] = [];
      const unmeasured: string[] = [];
      for (const vp of VIEWPORTS) {
        // A fresh context per window size: a first visit, not the workspace autosaved before.
        const context = await browser.newContext({ viewport: vp });
        try {
          await measureWorkspace(await context.newPage(), ws, vp, out, rows, unmeasured);
        } finally {
          // What was measured is kept even when a step after it failed.
          writeFileSync(join(out, `rows-${ws.id}.json`), `${JSON.stringify(rows, null, 2)}\n`);
          writeReport(root, out);
          await context.close();
        }
      }
      console.log(`\n${ws.id}:\n${legibilityTable(rows)}`);
      for (const r of rows)
        if (Object.keys(r.examples).length)
          console.log(`${r.viewport} ${r.view}: ${JSON.stringify(r.examples)}`);

      // The instrument first: the selectors must still find the canvas's parts.
      for (const r of rows) {
        const where = `${r.viewport} ${r.view}`;
        expect(r.nodesInDom, `${where}: nodes found`).toBeGreaterThan(0);
        expect(r.namesMeasured, `${where}: workload names found`).toBeGreaterThan(0);
        expect(r.buttons, `${where}: canvas buttons found`).toBeGreaterThan(0);
      }
      expect(
        rows.some((r) => r.edgesDrawn > 0),
        'edge paths found',
      ).toBe(true);
      expect([...unmeasured, ...rows.flatMap((r) => targetFailures(r, READABLE_UP_TO))]).toEqual(
        [],
      );
    },
  );
