// `npm run bench`, second half: the editor's promised figures, measured in the system Chromium
// against the production build (`vite preview` of dist/): initial JavaScript, highlighting at 200
// workloads and 100 policies, and opening and panning 1,000 workloads. Exits 1 on a missed target.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { measureBundle } from './editor-bundle.ts';
import { measureHighlight } from './editor-highlight.ts';
import { measureLarge } from './editor-large.ts';
import { measureMatrix } from './editor-matrix.ts';
import { findChromium } from '../e2e/chromium.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(root, 'bench', 'results');
// Not 4173: the e2e suite's preview server may be running at the same time.
const PORT = Number(process.env['BENCH_PORT'] ?? 4317);
const BASE = `http://127.0.0.1:${PORT}`;
const SAMPLES = 15;

const TARGET = {
  initialKb: 300,
  highlightMs: 100,
  panFrameGapMs: 200,
  panTaskMs: 200,
  searchMs: 300,
  matrixOpenMs: 1000,
  matrixScrollTaskMs: 200,
  longTaskMs: 1000,
  firstNodesMs: 5000,
};

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let n = 0;
  for (const e of readdirSync(path)) n = Math.max(n, newest(join(path, e)));
  return n;
}

/** A stale build would measure old code: rebuild when anything the app is built from is newer. */
function ensureBuild(): void {
  const built = newest(join(dist, 'index.html'));
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];
  if (built > 0 && built >= Math.max(...inputs.map((p) => newest(join(root, p))))) return;
  console.log('building the app…');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

/** `vite preview` of dist/ on its own port, in its own process group so it can be stopped whole. */
async function serve(): Promise<ChildProcess> {
  if (await answers(BASE))
    throw new Error(`${BASE} is already taken; set BENCH_PORT to a free port`);
  const server = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 30_000;
  while (!(await answers(BASE))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      stop(server);
      throw new Error(`vite preview did not start on ${BASE}:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return server;
}

function stop(server: ChildProcess | undefined): void {
  if (!server?.pid || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

const short = (file: string): string => file.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, '');

const ok = (met: boolean): string => (met ? 'met' : 'NOT MET');

async function main(): Promise<number> {
  ensureBuild();
  // Other jobs on the machine slow the page down: the load is recorded with the figures.
  const load = loadavg()[0] ?? 0;
  mkdirSync(out, { recursive: true });
  let server: ChildProcess | undefined;
  const onSignal = () => {
    stop(server);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    server = await serve();
    const browser = await chromium.launch({
      executablePath: findChromium() ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    try {
      console.log('initial JavaScript…');
      const bundle = await measureBundle(browser, BASE, dist);
      console.log('highlighting, 200 workloads and 100 policies…');
      const highlight = await measureHighlight(browser, BASE, SAMPLES);
      console.log('1,000 workloads…');
      const large = await measureLarge(browser, BASE);
      console.log('the matrix of 1,000 workloads…');
      const matrix = await measureMatrix(browser, BASE);
      return report({ bundle, highlight, large, matrix, chromium: browser.version(), load });
    } finally {
      await browser.close();
    }
  } finally {
    stop(server);
  }
}

function report(r: {
  bundle: Awaited<ReturnType<typeof measureBundle>>;
  highlight: Awaited<ReturnType<typeof measureHighlight>>;
  large: Awaited<ReturnType<typeof measureLarge>>;
  matrix: Awaited<ReturnType<typeof measureMatrix>>;
  chromium: string;
  load: number;
}): number {
  const { bundle: b, highlight: h, large: l, matrix: m } = r;
  const checks = {
    initialJs: b.entryKb < TARGET.initialKb && b.beforeMonacoKb < TARGET.initialKb,
    select: h.select.median < TARGET.highlightMs,
    allowEdit: h.allowEdit.median < TARGET.highlightMs,
    pan: l.pan.views > 1 && l.pan.worstFrameGapMs < TARGET.panFrameGapMs,
    panTask: l.pan.longestTaskMs <= TARGET.panTaskMs,
    search: Math.max(l.search.open.median, l.search.collapsed.median) <= TARGET.searchMs,
    matrixOpen: m.open.median <= TARGET.matrixOpenMs,
    matrixScroll: m.scroll.longestTaskMs <= TARGET.matrixScrollTaskMs,
    longTask: l.longestTaskAfterPaintMs <= TARGET.longTaskMs,
    firstNodes: l.firstNodesMs < TARGET.firstNodesMs,
  };
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, Chromium ${r.chromium}, ${new Date().toISOString().slice(0, 10)}, load average ${r.load.toFixed(1)} at the start`;
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const dist = (s: { median: number; p90: number }) => `median ${ms(s.median)}, p90 ${ms(s.p90)}`;
  const lines = [
    `Machine: ${machine}`,
    '',
    '| figure | measured | target |',
    '|---|---:|---|',
    `| initial JS, entry + modulepreloads (gzip) | ${b.entryKb} KB | < ${TARGET.initialKb} KB: ${ok(b.entryKb < TARGET.initialKb)} |`,
    `| JS fetched before Monaco was requested (gzip) | ${b.beforeMonacoKb} KB | < ${TARGET.initialKb} KB: ${ok(b.beforeMonacoKb < TARGET.initialKb)} |`,
    `| worker scripts fetched by first draw: ${b.appWorkerFiles.map(short).join(', ') || 'none'} | ${b.appWorkersKb} KB | reported |`,
    `| Monaco (lazy) fetched by first draw | ${b.monacoKb} KB | reported |`,
    `| select a workload → flows drawn (${h.workloads} workloads, ${h.flowEdges} flow edges, n=${h.select.n}) | ${dist(h.select)} | median < ${TARGET.highlightMs} ms: ${ok(checks.select)} |`,
    `| Allow a drawn edge → verdict redrawn (n=${h.allowEdit.n}) | ${dist(h.allowEdit)} | median < ${TARGET.highlightMs} ms: ${ok(checks.allowEdit)} |`,
    `| undo it (Ctrl+Z) → verdict back | ${dist(h.undo)} | reported |`,
    `| edits where edges covered the handle (no real pointer could start the drag) | ${h.handleCovered} of ${h.allowEdit.n} | reported |`,
    `| paste a policy in the YAML → verdicts redrawn (includes the 150 ms typing pause) | ${dist(h.typing)} | reported |`,
    `| 1,000 workloads: first nodes on screen | ${ms(l.firstNodesMs)} | < ${TARGET.firstNodesMs} ms: ${ok(checks.firstNodes)} |`,
    `| 1,000 workloads: nodes in the DOM, layout done / first contentful paint | ${ms(l.layoutDoneMs)} / ${ms(l.firstPaintMs)} | reported |`,
    `| 1,000 workloads: worst frame gap while panning (${l.pan.frames} frames) | ${ms(l.pan.worstFrameGapMs)} | < ${TARGET.panFrameGapMs} ms: ${ok(checks.pan)}${l.pan.views > 1 ? '' : ' (the view did not move)'} |`,
    `| 1,000 workloads: worst frame gap while zooming (${l.zoom.frames} frames) | ${ms(l.zoom.worstFrameGapMs)} | reported${l.zoom.views > 1 ? '' : ' (the view did not move)'} |`,
    `| 1,000 workloads: longest task after first paint | ${ms(l.longestTaskAfterPaintMs)} | ≤ ${TARGET.longTaskMs} ms: ${ok(checks.longTask)} |`,
    `| 1,000 workloads: select a workload at Fit view (${l.nodesInDomAtFit} nodes drawn) → flows drawn, computed in the worker (n=${l.select.n}) | ${dist(l.select)} | reported |`,
    `| 1,000 workloads: longest task while panning | ${ms(l.pan.longestTaskMs)} | ≤ ${TARGET.panTaskMs} ms: ${ok(checks.panTask)} |`,
    `| 1,000 workloads: longest task while zooming | ${ms(l.zoom.longestTaskMs)} | reported |`,
    `| 1,000 workloads: search → selected and centred, namespace open (n=${l.search.open.n}) | ${dist(l.search.open)} | median ≤ ${TARGET.searchMs} ms: ${ok(l.search.open.median <= TARGET.searchMs)} |`,
    `| 1,000 workloads: search → selected and centred, namespace collapsed (n=${l.search.collapsed.n}) | ${dist(l.search.collapsed)} | median ≤ ${TARGET.searchMs} ms: ${ok(l.search.collapsed.median <= TARGET.searchMs)} |`,
    `| 1,000 workloads: longest task during a search | ${ms(l.searchLongestTaskMs)} | reported |`,
    `| matrix of ${m.workloads.toLocaleString('en')} workloads: tab → grid drawn (n=${m.open.n}) | ${dist(m.open)} | median ≤ ${TARGET.matrixOpenMs} ms: ${ok(checks.matrixOpen)} |`,
    `| matrix: tab → coverage shown | ${dist(m.coverage)} | reported |`,
    `| matrix: longest task while scrolling (${m.scroll.frames} frames) / worst frame gap | ${ms(m.scroll.longestTaskMs)} / ${ms(m.scroll.worstFrameGapMs)} | task ≤ ${TARGET.matrixScrollTaskMs} ms: ${ok(checks.matrixScroll)} |`,
  ];
  const text = lines.join('\n');
  const missed = Object.entries(checks).filter(([, met]) => !met);
  writeFileSync(
    join(out, 'editor.json'),
    `${JSON.stringify({ machine, targets: TARGET, checks, ...r }, null, 2)}\n`,
  );
  writeFileSync(join(out, 'editor.md'), `${text}\n`);
  console.log(`\n${text}\n`);
  console.log(
    missed.length === 0
      ? 'All editor targets met.'
      : `Missed: ${missed.map(([k]) => k).join(', ')}.`,
  );
  return missed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
