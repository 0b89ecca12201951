// The flows `analyze --format json|ndjson` writes, one record at a time from the bulk engine's
// verdicts: by workload (the pods of one workload folded into one record per pair and probe) or by
// pod, filtered to the allowed or denied ones, with the engine's explanation only when asked for.
import type { Protocol, Workspace } from '../model/types.ts';
import { buildEngineIndex, evaluateFlow } from '../engine/evaluate.ts';
import type { Verdict } from '../engine/evaluate.ts';
import type { Probe, Reachability } from '../engine/reachability.ts';

export type FlowGrouping = 'workload' | 'pod';

export interface FlowOutput {
  readonly by: FlowGrouping;
  readonly allowedOnly: boolean;
  readonly deniedOnly: boolean;
  readonly explain: boolean;
  /** An explicit --port: a pod to itself is probed too. */
  readonly selfPairs: boolean;
}

export interface FlowRecord {
  readonly from: string;
  readonly to: string;
  /** The port probed; null when a port name does not resolve on the destination (see portName). */
  readonly port: number | null;
  readonly portName?: string;
  readonly protocol: Protocol;
  /** With pods folded: true only when every pod pair of the record is allowed. */
  readonly allowed: boolean;
  /** Only when the record folds more than one pod pair. */
  readonly podPairs?: number;
  readonly allowedPodPairs?: number;
  /** Some but not all of the folded pod pairs are allowed. */
  readonly partly?: true;
  /** With --explain: the verdict of the record's (first) pod pair. */
  readonly explanation?: Verdict;
  /** With --explain on a folded record: the pod pair the explanation is about. */
  readonly explained?: { readonly from: string; readonly to: string };
}

/** The workloads the pods belong to, in order of their first pod. */
interface Group {
  readonly id: string;
  readonly members: number[];
}

function groupsOf(
  reach: Reachability,
  by: FlowGrouping,
  workloadOf: ReadonlyMap<string, string>,
): Group[] {
  const byId = new Map<string, Group>();
  const groups: Group[] = [];
  reach.pods.forEach((pod, i) => {
    const id = by === 'pod' ? pod.id : (workloadOf.get(pod.id) ?? pod.id);
    let g = byId.get(id);
    if (!g) {
      g = { id, members: [] };
      byId.set(id, g);
      groups.push(g);
    }
    g.members.push(i);
  });
  return groups;
}

const probeKey = (p: Probe) => `${p.port ?? ''}/${p.portName ?? ''}/${p.protocol}`;

/**
 * Every flow record, computed as it is written: nothing holds more than one pair of workloads'
 * counts, so a workspace of thousands of pods streams in constant memory.
 */
export function* flowRecords(
  ws: Workspace,
  reach: Reachability,
  output: FlowOutput,
  workloadOf: ReadonlyMap<string, string> = new Map(),
): Generator<FlowRecord> {
  const groups = groupsOf(reach, output.by, workloadOf);
  // Probes interned across destinations, so counting needs no map in the inner loop.
  const keys = new Map<string, number>();
  const probeOf: Probe[] = [];
  const interned = reach.probes.map((list) =>
    list.map((p) => {
      const k = probeKey(p);
      let id = keys.get(k);
      if (id === undefined) {
        id = probeOf.length;
        keys.set(k, id);
        probeOf.push(p);
      }
      return id;
    }),
  );
  const total = new Int32Array(probeOf.length);
  const allowed = new Int32Array(probeOf.length);
  const firstFrom = new Int32Array(probeOf.length);
  const firstTo = new Int32Array(probeOf.length);
  const touched: number[] = [];
  const index = output.explain ? buildEngineIndex(ws) : null;

  for (const g of groups) {
    for (const h of groups) {
      touched.length = 0;
      for (const to of h.members) {
        const ids = interned[to] ?? [];
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i] ?? 0;
          let n = 0;
          let k = 0;
          let first = -1;
          for (const from of g.members) {
            if (from === to && !output.selfPairs) continue;
            if (first < 0) first = from;
            n++;
            if (reach.allowed(from, to, i)) k++;
          }
          if (n === 0) continue;
          if (total[id] === 0) {
            touched.push(id);
            firstFrom[id] = first;
            firstTo[id] = to;
          }
          total[id] = (total[id] ?? 0) + n;
          allowed[id] = (allowed[id] ?? 0) + k;
        }
      }
      for (const id of touched) {
        const n = total[id] ?? 0;
        const k = allowed[id] ?? 0;
        total[id] = 0;
        allowed[id] = 0;
        if ((output.allowedOnly && k === 0) || (output.deniedOnly && k === n)) continue;
        const probe = probeOf[id] as Probe;
        const from = firstFrom[id] ?? 0;
        const to = firstTo[id] ?? 0;
        yield {
          from: g.id,
          to: h.id,
          port: probe.port,
          ...(probe.portName !== undefined ? { portName: probe.portName } : {}),
          protocol: probe.protocol,
          allowed: k === n,
          ...(n > 1 ? { podPairs: n, allowedPodPairs: k } : {}),
          ...(k > 0 && k < n ? { partly: true as const } : {}),
          ...(index ? explanationOf(index, reach, from, to, probe, n > 1) : {}),
        };
      }
    }
  }
}

function explanationOf(
  index: ReturnType<typeof buildEngineIndex>,
  reach: Reachability,
  from: number,
  to: number,
  probe: Probe,
  folded: boolean,
): Pick<FlowRecord, 'explanation' | 'explained'> {
  const a = reach.pods[from];
  const b = reach.pods[to];
  if (!a || !b) return {};
  const explanation = evaluateFlow(index, {
    from: { kind: 'workload', workload: a },
    to: { kind: 'workload', workload: b },
    port: probe.portName ?? probe.port ?? 0,
    protocol: probe.protocol,
  });
  return { explanation, ...(folded ? { explained: { from: a.id, to: b.id } } : {}) };
}
