// `npm run bench`: times `netpol-canvas analyze --format summary` as a whole process on synthetic
// clusters (also with 50 cluster policies added), the bulk engine alone at 20,000 pods against the
// word-operation floor, and the bulk engine against a per-pair scan of every policy at 2,000 pods.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { generateCluster } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist-cli', 'netpol-canvas.mjs');
const out = join(root, 'bench', 'results');
const SIZES = [200, 1000, 5000];
/** Issue 12: the 5,000-pod workspace with this many ClusterNetworkPolicies must meet the same target. */
const CLUSTER_POLICIES = 50;
const RUNS = 5;
const TARGET_5000_MS = 2000;
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
 * CPU time (user + system, ms) of the children this process has waited for, from /proc/self/stat
 * (Linux; 10 ms ticks); null elsewhere. On a shared machine wall time follows the load, CPU time
 * much less: both are reported, and the targets apply to CPU time when it is known.
 */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Counting from the state (field 3): cutime (16) and cstime (17) are at 13 and 14.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return null;
  }
}

function timeRun(args) {
  const cpu0 = childrenCpuMs();
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu1 = childrenCpuMs();
  if (r.status !== 0)
    throw new Error(`netpol-canvas ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, stdout: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const loadBefore = loadavg()[0];
const rows = [];
const variants = [
  ...SIZES.map((size) => ({ size, clusterPolicies: 0 })),
  { size: 5000, clusterPolicies: CLUSTER_POLICIES },
];
for (const { size, clusterPolicies } of variants) {
  const file = join(out, `cluster-${size}${clusterPolicies ? `-cnp${clusterPolicies}` : ''}.yaml`);
  const text = generateCluster(size, { clusterPolicies });
  writeFileSync(file, text);
  const times = [];
  const cpu = [];
  let summary;
  for (let i = 0; i < RUNS; i++) {
    const r = timeRun(['analyze', '--format', 'summary', file]);
    times.push(r.ms);
    if (r.cpuMs !== null) cpu.push(r.cpuMs);
    summary = JSON.parse(r.stdout);
  }
  const cpuMs = cpu.length === RUNS ? median(cpu) : null;
  const mb = (text.length / 1e6).toFixed(1);
  rows.push({ size, clusterPolicies, mb, ms: median(times), cpuMs, summary });
  console.log(
    `${size} pods, ${clusterPolicies} cluster policies: median ${median(times).toFixed(0)} ms wall, ${cpuMs ?? '?'} ms CPU`,
    summary,
  );
}

// `--engine` (undocumented) picks the engine and reports its own time, YAML reading excluded.
const engineRun = (engine, file) =>
  JSON.parse(timeRun(['analyze', '--format', 'summary', '--engine', engine, file]).stdout);

// The engine alone at 20,000 pods against the floor: one AND and one popcount per 32 flows
// (Uint32 words), timed here on bitsets as long as the flows.
const engineFile = join(out, `cluster-${ENGINE_SIZE}.yaml`);
writeFileSync(engineFile, generateCluster(ENGINE_SIZE));
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
const naiveRun = engineRun('naive', naiveFile);
for (const k of ['flows', 'allowed', 'denied']) {
  if (naiveRun[k] !== bulkRuns[0][k]) throw new Error(`bulk and per-pair engines disagree on ${k}`);
}
const bulkMs = Math.max(1, median(bulkRuns.map((r) => r.engineMs)));
const naiveMs = naiveRun.engineMs;
const speedup = naiveMs / bulkMs;
const loadAfter = loadavg()[0];

const n = (x) => x.toLocaleString('en-US');
const slow = rows.filter((r) => r.size === 5000 && !((r.cpuMs ?? r.ms) < TARGET_5000_MS));
const met = (ok) => (ok ? 'met' : 'NOT met');
const lines = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end`,
  '',
  '| pods | policies | cluster policies | YAML | flows | `analyze --format summary`, whole process, median of 5: CPU | wall |',
  '|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${n(r.size)} | ${n(r.summary.policies)} | ${r.clusterPolicies} | ${r.mb} MB | ${n(r.summary.flows)} | ${r.cpuMs === null ? '?' : `${n(Math.round(r.cpuMs))} ms`} | ${n(Math.round(r.ms))} ms |`,
  ),
  '',
  `Engine only at ${n(ENGINE_SIZE)} pods (${n(engineRuns[0].policies)} policies, ${n(engineRuns[0].flows)} flows, reading the YAML excluded, median of 3): ${n(engineMs)} ms; the word-operation floor (one AND and popcount per 32 flows) takes ${floor.toFixed(1)} ms here: **${floorRatio.toFixed(0)}× the floor**.`,
  '',
  `Engine only at ${n(NAIVE_SIZE)} pods: bulk ${bulkMs.toFixed(0)} ms vs per-pair scan of every policy ${n(naiveMs)} ms: **${speedup.toFixed(0)}× faster**, identical counts.`,
  '',
  `Targets: 5,000 pods under ${TARGET_5000_MS} ms (CPU when known), with and without ${CLUSTER_POLICIES} cluster policies (${met(slow.length === 0)}); at least ${TARGET_SPEEDUP}× over the per-pair scan at ${n(NAIVE_SIZE)} pods (${met(speedup >= TARGET_SPEEDUP)}); engine within ${TARGET_FLOOR_RATIO}× of the floor at ${n(ENGINE_SIZE)} pods (${met(floorRatio <= TARGET_FLOOR_RATIO)}).`,
];
const report = lines.join('\n');
// A missed target fails the run, so a regression cannot pass unnoticed in a log.
if (slow.length > 0 || speedup < TARGET_SPEEDUP || floorRatio > TARGET_FLOOR_RATIO)
  process.exitCode = 1;
writeFileSync(join(out, 'latest.md'), `${report}\n`);
console.log(`\n${report}`);
