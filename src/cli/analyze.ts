// Turns a workspace into the CLI's reachability and summary: which ordered pod pairs are allowed at
// which ports (flow-records.ts lists them).
import type { Protocol, Workload, Workspace } from '../model/types.ts';
import { buildEngineIndex } from '../engine/evaluate.ts';
import { computeReachability, naiveReachability } from '../engine/reachability.ts';
import { externalFlows, externalVerdicts } from '../engine/external-ranges.ts';
import type { ExternalFlow, ExternalVerdict } from '../engine/external-ranges.ts';
import { displayText } from '../model/display-text.ts';
import type { Reachability, ReachabilityOptions } from '../engine/reachability.ts';

export interface AnalyzeOptions {
  readonly port: number | string | null;
  readonly protocol: Protocol | null;
}

export interface Summary {
  /** Only with the undocumented --engine flag: the engine's own time, YAML reading excluded. */
  readonly engineMs?: number;
  readonly pods: number;
  readonly policies: number;
  readonly invalidPolicies: number;
  readonly namespaces: number;
  readonly flows: number;
  readonly allowed: number;
  readonly denied: number;
  readonly ingressIsolatedPods: number;
  readonly egressIsolatedPods: number;
}

/** Pods the engine evaluates: workloads from the text, never selector-inferred ones. */
export function podsOf(ws: Workspace): readonly Workload[] {
  return ws.workloads.filter((w) => !w.inferred);
}

/** Bulk reachability for the table: no explanations, so it scales to thousands of pods. */
export function reachabilityOf(ws: Workspace, options: AnalyzeOptions): Reachability {
  return computeReachability(buildEngineIndex(ws), engineOptions(options));
}

function engineOptions(options: AnalyzeOptions): ReachabilityOptions {
  return {
    ...(options.port !== null ? { port: options.port } : {}),
    ...(options.protocol !== null ? { protocol: options.protocol } : {}),
  };
}

export function summarize(
  ws: Workspace,
  options: AnalyzeOptions,
  engine: 'bulk' | 'naive' | null = null,
): Summary {
  // Timed only when asked: the first use of `performance` loads perf_hooks (a few ms of a run).
  const started = engine !== null ? performance.now() : 0;
  const index = buildEngineIndex(ws);
  const compute = engine === 'naive' ? naiveReachability : computeReachability;
  const reach = compute(index, engineOptions(options));
  const s = reach.summary;
  return {
    ...(engine !== null ? { engineMs: Math.round(performance.now() - started) } : {}),
    pods: s.pods,
    policies: ws.policies.filter((p) => p.valid).length,
    invalidPolicies: ws.policies.filter((p) => !p.valid).length,
    namespaces: ws.namespaces.length,
    flows: s.flows,
    allowed: s.allowed,
    denied: s.denied,
    ingressIsolatedPods: s.ingressIsolatedPods,
    egressIsolatedPods: s.egressIsolatedPods,
  };
}

/** Pods with the IP ranges the ipBlocks draw: the connections, or with a port its verdicts. */
export function externalRecords(
  ws: Workspace,
  options: AnalyzeOptions,
): Iterable<ExternalFlow | ExternalVerdict> {
  return options.port === null
    ? externalFlows(ws)
    : externalVerdicts(ws, options.port, options.protocol ?? 'TCP');
}

/** The connectivity list for people: `0.0.0.0-9.255.255.255 => shop/web : TCP 443`. */
export function formatExternal(ws: Workspace, options: AnalyzeOptions): string {
  const lines: string[] = [];
  for (const r of externalRecords(ws, options)) {
    const what =
      'connections' in r
        ? r.connections
        : `${r.allowed ? 'allowed' : 'denied'} ${r.protocol} ${r.port ?? r.portName ?? ''}`.trim();
    lines.push(`${displayText(r.from, 60)} => ${displayText(r.to, 60)} : ${what}`);
  }
  return `\nIP ranges (the ipBlocks draw them; every address of a range is treated alike):\n${lines.join('\n')}\n`;
}
