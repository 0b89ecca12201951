// The engine alone, in process (`npx tsx bench/engine.ts [pods…] [--cluster-policies N] [--naive]`):
// reads a generated workspace once, then times building the index and `computeReachability`
// (wall and CPU, median of a few runs), so the engine's cost is seen apart from Node start-up
// and YAML reading. `--naive` also times the per-pair scan and checks that the counts agree.
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { generateCluster } from './generate.mjs';
import { readWorkspace } from '../src/yaml/read-workspace.ts';
import { buildEngineIndex } from '../src/engine/evaluate.ts';
import { computeReachability, naiveReachability } from '../src/engine/reachability.ts';
import type { Reachability } from '../src/engine/reachability.ts';
import type { Namespace, Workspace } from '../src/model/types.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'cluster-policies': { type: 'string', default: '0' },
    runs: { type: 'string', default: '3' },
    naive: { type: 'boolean', default: false },
  },
});
const sizes = positionals.length > 0 ? positionals.map(Number) : [5000, 20000];
const clusterPolicies = Number(values['cluster-policies']);
const runs = Number(values.runs);

/**
 * Reads a workspace too large for one readWorkspace call (its cap is for a browser tab) in pieces
 * of whole documents, keeping each namespace's declared labels: enough for timing the engine.
 */
function readLarge(text: string): Workspace {
  const cap = 16 * 1024 * 1024;
  if (text.length <= cap) return readWorkspace(text);
  const docs = text.split(/^---\n/m).filter((d) => d.length > 0);
  const parts: Workspace[] = [];
  let chunk: string[] = [];
  let length = 0;
  for (const d of docs) {
    if (length + d.length > cap && chunk.length > 0) {
      parts.push(readWorkspace(chunk.map((x) => `---\n${x}`).join('')));
      chunk = [];
      length = 0;
    }
    chunk.push(d);
    length += d.length + 4;
  }
  if (chunk.length > 0) parts.push(readWorkspace(chunk.map((x) => `---\n${x}`).join('')));
  const namespaces = new Map<string, Namespace>();
  for (const ns of parts.flatMap((w) => w.namespaces))
    if (!namespaces.has(ns.name) || !ns.inferred) namespaces.set(ns.name, ns);
  return {
    documents: [],
    namespaces: [...namespaces.values()],
    workloads: parts.flatMap((w) => w.workloads),
    policies: parts.flatMap((w) => w.policies),
    clusterPolicies: parts.flatMap((w) => w.clusterPolicies ?? []),
    others: [],
    diagnostics: parts.flatMap((w) => w.diagnostics),
  };
}

function time(fn: () => Reachability): { wall: number; cpu: number; r: Reachability } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  return { wall, cpu: (c.user + c.system) / 1000, r };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
for (const size of sizes) {
  const ws = readLarge(generateCluster(size, { clusterPolicies }));
  const errors = ws.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`generated workspace has errors: ${errors[0]?.message}`);
  const samples = Array.from({ length: runs }, () =>
    time(() => computeReachability(buildEngineIndex(ws))),
  );
  const s = samples[0]?.r.summary;
  const words = ((s?.pods ?? 0) * (s?.flows ?? 0)) / Math.max(1, (s?.pods ?? 1) - 1) / 32;
  console.log(
    `${size} pods, ${ws.policies.length} policies, ${clusterPolicies} cluster policies: ` +
      `engine median ${median(samples.map((x) => x.wall)).toFixed(0)} ms wall, ` +
      `${median(samples.map((x) => x.cpu)).toFixed(0)} ms CPU; ` +
      `${s?.flows} flows, ${s?.allowed} allowed; floor ${Math.round(words)} word operations`,
  );
  if (values.naive) {
    const naive = time(() => naiveReachability(buildEngineIndex(ws)));
    const same = JSON.stringify(naive.r.summary) === JSON.stringify(s);
    console.log(
      `  per-pair scan ${naive.wall.toFixed(0)} ms wall; counts ${same ? 'identical' : 'DIFFER'}`,
    );
    if (!same) process.exitCode = 1;
  }
}
