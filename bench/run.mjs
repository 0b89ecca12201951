// `npm run bench`: the issue's CLI targets, timed as whole processes in CPU time (user + system,
// every thread) with the peak RSS of each: `analyze --format summary` at 5,000 pods (also with 50
// cluster policies), 20,000 pods, 3,500 pods with 12,000 policies and 100,000 pods; `validate` of a
// ~5 MiB stream; then the bulk engine alone at 20,000 pods against the word-operation floor, and
// against a per-pair scan of every policy at 2,000 pods. The load average is recorded per row.
// Each CLI row runs warm (the launcher's V8 code cache of the bundle in place, as on every run
// after a command's first) and cold (NETPOL_CANVAS_NO_CACHE=1, a first run), alternated; the
// targets are judged on the warm runs, and the cold ones are reported beside them.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpus, loadavg, tmpdir } from 'node:os';
import { generateCluster } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist-cli', 'netpol-canvas.mjs');
const out = join(root, 'bench', 'results');
const usageFile = join(tmpdir(), `netpol-bench-usage-${process.pid}.json`);
const preload = pathToFileURL(join(root, 'bench', 'child-usage.mjs')).href;
/** Issue 12: the 5,000-pod workspace with this many ClusterNetworkPolicies must meet the same target. */
const CLUSTER_POLICIES = 50;
const MIB = 1024 * 1024;
/**
 * The `analyze --format summary` rows: the issue's targets in CPU ms (and peak RSS), fewer runs
 * for the big ones; 200 and 1,000 pods are reported without a target.
 */
const ANALYZE = [
  { pods: 200, runs: 5 },
  { pods: 1000, runs: 5 },
  { pods: 5000, runs: 5, cpuMs: 500 },
  { pods: 5000, clusterPolicies: CLUSTER_POLICIES, runs: 5, cpuMs: 500 },
  { pods: 20000, runs: 3, cpuMs: 2000 },
  { pods: 3500, policies: 12000, runs: 3, cpuMs: 2000 },
  { pods: 100000, runs: 1, cpuMs: 10000, rssBytes: 2 * 1024 * MIB },
];
/** `validate` of a stream of about this size: CPU and peak RSS (a multiple of the text's size). */
const VALIDATE_BYTES = 5 * MIB;
const VALIDATE_CPU_MS = 500;
const VALIDATE_RSS_FACTOR = 10;
const VALIDATE_RUNS = 5;
const NAIVE_SIZE = 2000;
const TARGET_SPEEDUP = 200;
const ENGINE_SIZE = 20000;
const TARGET_FLOOR_RATIO = 50;

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

/**
 * Runs a command once with bench/child-usage.mjs preloaded: wall time here, and the child's own
 * CPU time (every thread) and peak RSS from getrusage, written by the child as it exits. `env`
 * is added to the bench's environment.
 */
function timeProcess(argv, env = {}) {
  rmSync(usageFile, { force: true });
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', preload, ...argv], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, ...env, NETPOL_BENCH_USAGE: usageFile },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const usage = existsSync(usageFile) ? JSON.parse(readFileSync(usageFile, 'utf8')) : null;
  return {
    status: r.status,
    stderr: r.stderr,
    ms,
    cpuMs: usage?.cpuMs ?? null,
    rssBytes: usage ? usage.maxRssKb * 1024 : null,
    stdout: r.stdout,
  };
}

/** The code cache directory of the warm runs: one per row, so each row warms its own. */
let cacheHome = null;
const warmEnv = () => ({ XDG_CACHE_HOME: cacheHome, NETPOL_CANVAS_NO_CACHE: '' });
const coldEnv = { NETPOL_CANVAS_NO_CACHE: '1' };

/** Runs the CLI once (cold unless `env` says otherwise); a failure other than validate's 1 throws. */
function timeRun(args, env = coldEnv) {
  const r = timeProcess([cli, ...args], env);
  if (r.status !== 0 && !(args[0] === 'validate' && r.status === 1))
    throw new Error(`netpol-canvas ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median CPU and wall and the largest peak RSS of some runs (null when a child wrote no usage). */
function summarise(results) {
  const cpu = results.map((r) => r.cpuMs).filter((x) => x !== null);
  const rss = results.map((r) => r.rssBytes).filter((x) => x !== null);
  return {
    ms: median(results.map((r) => r.ms)),
    cpuMs: cpu.length === results.length ? median(cpu) : null,
    /** Every run's CPU in order: single runs here swing with the machine's load, medians hide it. */
    cpuRuns: cpu.map((x) => Math.round(x)),
    rssBytes: rss.length === results.length ? Math.max(...rss) : null,
  };
}

/**
 * `runs` warm and `runs` cold runs, alternated, after one untimed run that writes the row's code
 * cache (in a fresh directory); warm figures at the top level, cold ones under `cold`, and the
 * load average before the runs.
 */
function measure(args, runs) {
  const load = loadavg()[0];
  cacheHome = mkdtempSync(join(tmpdir(), 'netpol-bench-cache-'));
  timeRun(args, warmEnv());
  const warm = [];
  const cold = [];
  for (let i = 0; i < runs; i++) {
    warm.push(timeRun(args, warmEnv()));
    cold.push(timeRun(args, coldEnv));
  }
  rmSync(cacheHome, { recursive: true, force: true });
  for (const r of cold)
    if (r.stdout !== warm[0].stdout)
      throw new Error(`cold and warm runs differ: ${args.join(' ')}`);
  return { load, runs, ...summarise(warm), cold: summarise(cold), stdout: warm[0].stdout };
}

/** Node alone (`node -e 0`, the same preload): what any process here starts from. */
function nodeBaseline(runs) {
  return summarise(Array.from({ length: runs }, () => timeProcess(['-e', '0'])));
}

const loadBefore = loadavg()[0];
const baseline = nodeBaseline(7);
console.log(
  `node -e 0: CPU ${baseline.cpuMs?.toFixed(0) ?? '?'} ms, peak RSS ${((baseline.rssBytes ?? 0) / MIB).toFixed(0)} MiB (median of 7, load ${loadBefore.toFixed(1)})`,
);
const rows = [];
for (const c of ANALYZE) {
  const { pods, clusterPolicies = 0, policies = 0 } = c;
  const file = join(
    out,
    `cluster-${pods}${clusterPolicies ? `-cnp${clusterPolicies}` : ''}${policies ? `-np${policies}` : ''}.yaml`,
  );
  const text = generateCluster(pods, { clusterPolicies, policies });
  writeFileSync(file, text);
  const m = measure(['analyze', '--format', 'summary', file], c.runs);
  const summary = JSON.parse(m.stdout);
  const met =
    c.cpuMs === undefined
      ? null
      : m.cpuMs !== null &&
        m.cpuMs <= c.cpuMs &&
        (c.rssBytes === undefined || (m.rssBytes !== null && m.rssBytes <= c.rssBytes));
  rows.push({
    pods,
    clusterPolicies,
    policies,
    targetCpuMs: c.cpuMs,
    targetRssBytes: c.rssBytes,
    bytes: text.length,
    ...m,
    summary,
    met,
  });
  console.log(
    `${pods} pods, ${summary.policies} policies, ${clusterPolicies} cluster policies: CPU ${m.cpuMs?.toFixed(0) ?? '?'} ms (cold ${m.cold.cpuMs?.toFixed(0) ?? '?'} ms), ` +
      `peak RSS ${((m.rssBytes ?? 0) / MIB).toFixed(0)} MiB, wall ${m.ms.toFixed(0)} ms (median of ${c.runs}, load ${m.load.toFixed(1)})` +
      `; CPU of each run: warm ${m.cpuRuns.join(', ')}, cold ${m.cold.cpuRuns.join(', ')}`,
  );
}

// `validate` of the smallest generated cluster of at least VALIDATE_BYTES.
let validatePods = 11000;
let validateText = generateCluster(validatePods);
while (validateText.length < VALIDATE_BYTES) {
  validatePods += 250;
  validateText = generateCluster(validatePods);
}
const validateFile = join(out, `cluster-${validatePods}.yaml`);
writeFileSync(validateFile, validateText);
const validate = measure(['validate', validateFile], VALIDATE_RUNS);
const validateMet =
  validate.cpuMs !== null &&
  validate.cpuMs <= VALIDATE_CPU_MS &&
  validate.rssBytes !== null &&
  validate.rssBytes <= VALIDATE_RSS_FACTOR * validateText.length;
/** Peak RSS above Node's own (`node -e 0`): what the command itself holds. */
const validateAbove =
  validate.rssBytes === null || baseline.rssBytes === null
    ? null
    : validate.rssBytes - baseline.rssBytes;
console.log(
  `validate ${(validateText.length / MIB).toFixed(2)} MiB: CPU ${validate.cpuMs?.toFixed(0) ?? '?'} ms (cold ${validate.cold.cpuMs?.toFixed(0) ?? '?'} ms), peak RSS ${((validate.rssBytes ?? 0) / MIB).toFixed(0)} MiB`,
);

// `--engine` (undocumented) picks the engine and reports its own time, YAML reading excluded.
const engineRun = (engine, file) =>
  JSON.parse(timeRun(['analyze', '--format', 'summary', '--engine', engine, file]).stdout);

// The engine alone at 20,000 pods against the floor: one AND and one popcount per 32 flows
// (Uint32 words), timed here on bitsets as long as the flows.
const engineFile = join(out, `cluster-${ENGINE_SIZE}.yaml`);
if (!existsSync(engineFile)) writeFileSync(engineFile, generateCluster(ENGINE_SIZE));
const engineRuns = Array.from({ length: 3 }, () => engineRun('bulk', engineFile));
const engineMs = median(engineRuns.map((r) => r.engineMs));
function popcount(x) {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
function floorMs(flows) {
  const words = Math.ceil(flows / 32);
  const chunk = 1 << 20;
  const a = new Uint32Array(chunk).map((_, i) => Math.imul(i, 2654435761));
  const b = new Uint32Array(chunk).map((_, i) => Math.imul(i, 40503) ^ i);
  const samples = [];
  for (let r = 0; r < 3; r++) {
    let count = 0;
    const start = process.hrtime.bigint();
    for (let done = 0; done < words; done += chunk) {
      const m = Math.min(chunk, words - done);
      for (let i = 0; i < m; i++) count += popcount((a[i] ?? 0) & (b[i] ?? 0));
    }
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (count < 0) throw new Error('unreachable');
  }
  return median(samples);
}
const floor = floorMs(engineRuns[0].flows);
const floorRatio = engineMs / floor;

// Per-pair scan of every policy, through the same process.
const naiveFile = join(out, `cluster-${NAIVE_SIZE}.yaml`);
writeFileSync(naiveFile, generateCluster(NAIVE_SIZE));
const bulkRuns = Array.from({ length: 3 }, () => engineRun('bulk', naiveFile));
// The per-pair scan takes minutes at this size: it runs once.
const naiveRun = engineRun('naive', naiveFile);
for (const k of ['flows', 'allowed', 'denied']) {
  if (naiveRun[k] !== bulkRuns[0][k]) throw new Error(`bulk and per-pair engines disagree on ${k}`);
}
const bulkMs = Math.max(1, median(bulkRuns.map((r) => r.engineMs)));
const naiveMs = naiveRun.engineMs;
const speedup = naiveMs / bulkMs;
const loadAfter = loadavg()[0];

const n = (x) => x.toLocaleString('en-US');
const mib = (b) => (b === null ? '?' : `${n(Math.round(b / MIB))} MiB`);
const ms = (x) => (x === null ? '?' : `${n(Math.round(x))} ms`);
const met = (ok) => (ok ? 'met' : 'NOT met');
const target = (r) =>
  r.targetCpuMs === undefined
    ? 'reported'
    : `≤ ${n(r.targetCpuMs)} ms CPU${r.targetRssBytes ? `, ≤ ${mib(r.targetRssBytes)}` : ''}: ${met(r.met)}`;
const lines = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end (and per row, before its runs). CPU is the process's user + system time over every thread (getrusage), peak RSS its maximum resident set. *Warm*: the launcher's V8 code cache of the bundle in place (every run of a command after its first; the row's own untimed first run wrote it); *cold*: \`NETPOL_CANVAS_NO_CACHE=1\`, as a first run. Warm and cold runs alternate; targets are judged on the warm CPU. \`node -e 0\` alone: ${ms(baseline.cpuMs)} CPU, ${mib(baseline.rssBytes)} peak RSS.`,
  '',
  '| `analyze --format summary` | pods | policies | cluster policies | YAML | flows | runs | CPU warm (median) | CPU cold (median) | peak RSS | wall warm (median) | load | target (warm) | cold |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.policies ? 'many policies' : r.clusterPolicies ? 'with cluster policies' : 'cluster'} | ${n(r.pods)} | ${n(r.summary.policies)} | ${r.clusterPolicies} | ${(r.bytes / 1e6).toFixed(1)} MB | ${n(r.summary.flows)} | ${r.runs} | ${ms(r.cpuMs)} | ${ms(r.cold.cpuMs)} | ${mib(r.rssBytes)} | ${ms(r.ms)} | ${r.load.toFixed(1)} | ${target(r)} | ${r.targetCpuMs === undefined ? '' : r.cold.cpuMs !== null && r.cold.cpuMs <= r.targetCpuMs ? 'within' : 'over'} |`,
  ),
  '',
  `CPU of each run, in order (ms; the machine is shared, so single runs swing with its load): ${rows.map((r) => `${n(r.pods)} pods${r.clusterPolicies ? ` + ${r.clusterPolicies} cluster policies` : ''}${r.policies ? ` (${n(r.summary.policies)} policies)` : ''} warm ${r.cpuRuns.join(', ')} / cold ${r.cold.cpuRuns.join(', ')}`).join('; ')}.`,
  '',
  `\`validate\` of a ${(validateText.length / MIB).toFixed(2)} MiB stream (${n(validatePods)} pods), median of ${VALIDATE_RUNS} (load ${validate.load.toFixed(1)}): ${ms(validate.cpuMs)} CPU warm, ${ms(validate.cold.cpuMs)} cold; peak RSS ${mib(validate.rssBytes)} (${validate.rssBytes === null ? '?' : (validate.rssBytes / validateText.length).toFixed(1)}× the text; ${validateAbove === null ? '?' : `${mib(validateAbove)} above \`node -e 0\`, ${(validateAbove / validateText.length).toFixed(1)}×`}), ${ms(validate.ms)} wall; target ≤ ${VALIDATE_CPU_MS} ms CPU and peak RSS ≤ ${VALIDATE_RSS_FACTOR}× the text: ${met(validateMet)}.`,
  '',
  `Engine only at ${n(ENGINE_SIZE)} pods (${n(engineRuns[0].policies)} policies, ${n(engineRuns[0].flows)} flows, reading the YAML excluded, median of 3): ${n(engineMs)} ms; the word-operation floor (one AND and popcount per 32 flows) takes ${floor.toFixed(1)} ms here: **${floorRatio.toFixed(1)}× the floor** (target ≤ ${TARGET_FLOOR_RATIO}×: ${met(floorRatio <= TARGET_FLOOR_RATIO)}).`,
  '',
  `Engine only at ${n(NAIVE_SIZE)} pods: bulk ${bulkMs.toFixed(0)} ms (median of 3) vs per-pair scan of every policy ${n(naiveMs)} ms (one run): **${speedup.toFixed(0)}× faster**, identical counts (target ≥ ${TARGET_SPEEDUP}×: ${met(speedup >= TARGET_SPEEDUP)}).`,
];
const missed =
  rows.some((r) => r.met === false) ||
  !validateMet ||
  speedup < TARGET_SPEEDUP ||
  floorRatio > TARGET_FLOOR_RATIO;
lines.push('', missed ? 'Some targets are NOT met (see the rows above).' : 'Every target is met.');
const report = lines.join('\n');
// A missed target fails the run, so a regression cannot pass unnoticed in a log.
if (missed) process.exitCode = 1;
rmSync(usageFile, { force: true });
writeFileSync(join(out, 'latest.md'), `${report}\n`);
console.log(`\n${report}`);
