// What a change to the manifests changes: the flows one version allows and the other denies,
// between the workloads both versions hold, each with the new verdict's explanation.
import type { Protocol, Workload, Workspace } from '../model/types.ts';
import { ASSUMED_PORT, buildEngineIndex, evaluateFlow } from './evaluate.ts';
import type { EngineIndex } from './evaluate.ts';
import { computeReachability } from './reachability.ts';
import type { Reachability, ReachabilityOptions } from './reachability.ts';

type DiffWorkspace = Pick<Workspace, 'namespaces' | 'workloads' | 'policies'> &
  Partial<Pick<Workspace, 'diagnostics'>>;

export interface FlowChange {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly portName?: string;
  readonly protocol: Protocol;
  /** The new version's explanation: the rule that now allows it, or what now denies it. */
  readonly reason: string;
  /** Policies (`namespace/name`) that decide the flow in the new version, on either side. */
  readonly policies: readonly string[];
}

export interface ReachabilityDiff {
  readonly newlyAllowed: readonly FlowChange[];
  readonly newlyDenied: readonly FlowChange[];
  /** Workloads only one version holds: their flows are not compared. */
  readonly addedWorkloads: readonly string[];
  readonly removedWorkloads: readonly string[];
  /** Flows compared (between workloads both versions hold). */
  readonly flowsCompared: number;
}

interface Side {
  readonly index: EngineIndex;
  readonly reach: Reachability;
  /** For destinations that declare no port: TCP 80, the port probes assume. */
  readonly assumed: Reachability | null;
  readonly at: Map<string, number>;
}

function side(ws: DiffWorkspace, options: ReachabilityOptions): Side {
  const index = buildEngineIndex(ws);
  const reach = computeReachability(index, options);
  const needsAssumed = options.port === undefined && reach.pods.some((w) => w.ports.length === 0);
  return {
    index,
    reach,
    assumed: needsAssumed
      ? computeReachability(index, { port: ASSUMED_PORT.port, protocol: ASSUMED_PORT.protocol })
      : null,
    at: new Map(reach.pods.map((w, i) => [w.id, i])),
  };
}

interface Probe {
  readonly port: number;
  readonly portName?: string;
  readonly protocol: Protocol;
  readonly allowed: (s: Side, from: number, to: number) => boolean;
}

/** The probes of a destination in one version, keyed by protocol and port. */
function probesOf(s: Side, to: number, w: Workload): Map<string, Probe> {
  const out = new Map<string, Probe>();
  const probes = s.reach.probes[to] ?? [];
  probes.forEach((p, k) => {
    if (p.port === null) return;
    out.set(`${p.protocol}/${p.port}`, {
      port: p.port,
      ...(p.portName !== undefined ? { portName: p.portName } : {}),
      protocol: p.protocol,
      allowed: (x, f, t) => x.reach.allowed(f, t, k),
    });
  });
  if (probes.length === 0 && w.ports.length === 0 && s.assumed)
    out.set(`${ASSUMED_PORT.protocol}/${ASSUMED_PORT.port}`, {
      ...ASSUMED_PORT,
      allowed: (x, f, t) => x.assumed?.allowed(f, t, 0) ?? false,
    });
  return out;
}

function change(
  s: Side,
  from: Workload,
  to: Workload,
  probe: Pick<Probe, 'port' | 'portName' | 'protocol'>,
): FlowChange {
  const v = evaluateFlow(s.index, {
    from: { kind: 'workload', workload: from },
    to: { kind: 'workload', workload: to },
    port: probe.port,
    protocol: probe.protocol,
  });
  const policies = [
    ...new Set([
      ...v.egress.matches.map((m) => m.policy),
      ...v.ingress.matches.map((m) => m.policy),
      ...(v.egress.allowed ? [] : v.egress.policies),
      ...(v.ingress.allowed ? [] : v.ingress.policies),
    ]),
  ];
  return {
    from: from.id,
    to: to.id,
    port: probe.port,
    ...(probe.portName !== undefined ? { portName: probe.portName } : {}),
    protocol: probe.protocol,
    reason: v.reason,
    policies,
  };
}

/**
 * The flows whose verdict differs between two versions. Ports are those both versions probe
 * toward the destination (its declared ports, or `options.port`); pairs of distinct workloads.
 */
export function diffReachability(
  before: DiffWorkspace,
  after: DiffWorkspace,
  options: ReachabilityOptions = {},
): ReachabilityDiff {
  const a = side(before, options);
  const b = side(after, options);
  const newlyAllowed: FlowChange[] = [];
  const newlyDenied: FlowChange[] = [];
  let compared = 0;
  const common = b.reach.pods.filter((w) => a.at.has(w.id));
  for (const to of common) {
    const ta = a.at.get(to.id) as number;
    const tb = b.at.get(to.id) as number;
    const pa = probesOf(a, ta, a.reach.pods[ta] as Workload);
    const pb = probesOf(b, tb, to);
    for (const [key, probe] of pb) {
      const old = pa.get(key);
      if (!old) continue;
      for (const from of common) {
        if (from.id === to.id && options.port === undefined) continue;
        const fa = a.at.get(from.id) as number;
        const fb = b.at.get(from.id) as number;
        compared++;
        const was = old.allowed(a, fa, ta);
        const now = probe.allowed(b, fb, tb);
        if (was === now) continue;
        (now ? newlyAllowed : newlyDenied).push(change(b, from, to, probe));
      }
    }
  }
  const order = (x: FlowChange, y: FlowChange) =>
    x.from.localeCompare(y.from) ||
    x.to.localeCompare(y.to) ||
    x.protocol.localeCompare(y.protocol) ||
    x.port - y.port;
  return {
    newlyAllowed: newlyAllowed.sort(order),
    newlyDenied: newlyDenied.sort(order),
    addedWorkloads: b.reach.pods.filter((w) => !a.at.has(w.id)).map((w) => w.id),
    removedWorkloads: a.reach.pods.filter((w) => !b.at.has(w.id)).map((w) => w.id),
    flowsCompared: compared,
  };
}
