// `npm run bench`: times `netpol-canvas analyze --format summary` as a whole process on synthetic
// clusters, and the bulk engine against a per-pair scan of every policy at 1,000 pods.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { generateCluster } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist-cli', 'netpol-canvas.mjs');
const out = join(root, 'bench', 'results');
const SIZES = [200, 1000, 5000];
const RUNS = 5;
const TARGET_5000_MS = 2000;
const TARGET_SPEEDUP = 25;

/** Newest modification time of the TypeScript the CLI bundles: a stale bundle would time old code. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}
const sources = ['cli', 'engine', 'model', 'yaml'].map((d) => join(root, 'src', d));
const newest = Math.max(...sources.filter(existsSync).map(newestSource));
if (!existsSync(cli) || statSync(cli).mtimeMs < newest) {
  console.log('building the CLI…');
  execFileSync('npx', ['vite', 'build', '--config', 'vite.cli.config.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
}
mkdirSync(out, { recursive: true });

function timeRun(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0)
    throw new Error(`netpol-canvas ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const rows = [];
for (const size of SIZES) {
  const file = join(out, `cluster-${size}.yaml`);
  const text = generateCluster(size);
  writeFileSync(file, text);
  const times = [];
  let summary;
  for (let i = 0; i < RUNS; i++) {
    const r = timeRun(['analyze', '--format', 'summary', file]);
    times.push(r.ms);
    summary = JSON.parse(r.stdout);
  }
  rows.push({ size, mb: (text.length / 1e6).toFixed(1), ms: median(times), summary });
  console.log(`${size} pods: median ${median(times).toFixed(0)} ms`, summary);
}

// Per-pair scan of every policy, through the same process, at 1,000 pods.
const naiveFile = join(out, 'cluster-1000.yaml');
// `--engine` (undocumented) picks the engine and reports its own time, YAML reading excluded.
const engineMs = (engine) =>
  JSON.parse(timeRun(['analyze', '--format', 'summary', '--engine', engine, naiveFile]).stdout);
const bulkRuns = Array.from({ length: 3 }, () => engineMs('bulk'));
const naiveRun = engineMs('naive');
for (const k of ['flows', 'allowed', 'denied']) {
  if (naiveRun[k] !== bulkRuns[0][k]) throw new Error(`bulk and per-pair engines disagree on ${k}`);
}
const bulkMs = median(bulkRuns.map((r) => r.engineMs));
const naiveMs = naiveRun.engineMs;
const speedup = naiveMs / bulkMs;

const n = (x) => x.toLocaleString('en-US');
const row5000 = rows.find((r) => r.size === 5000);
const lines = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| pods | policies | YAML | flows | `analyze --format summary`, whole process (median of 5) |',
  '|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${n(r.size)} | ${n(r.summary.policies)} | ${r.mb} MB | ${n(r.summary.flows)} | ${n(Math.round(r.ms))} ms |`,
  ),
  '',
  `Engine only at 1,000 pods (reading the YAML excluded): bulk ${bulkMs.toFixed(0)} ms vs per-pair scan of every policy ${naiveMs.toFixed(0)} ms: **${speedup.toFixed(0)}× faster**.`,
  '',
  `Targets: 5,000 pods under ${TARGET_5000_MS} ms (${row5000 && row5000.ms < TARGET_5000_MS ? 'met' : 'NOT met'}); at least ${TARGET_SPEEDUP}× over the per-pair scan (${speedup >= TARGET_SPEEDUP ? 'met' : 'NOT met'}).`,
];
const report = lines.join('\n');
// A missed target fails the run, so a regression cannot pass unnoticed in a log.
if (!(row5000 && row5000.ms < TARGET_5000_MS && speedup >= TARGET_SPEEDUP)) process.exitCode = 1;
writeFileSync(join(out, 'latest.md'), `${report}\n`);
console.log(`\n${report}`);
