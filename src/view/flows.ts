// Highlighting for a selected workload: every flow in and out of it, probed with the shared engine
// at the destination's ports, summarised per node pair and direction; in large workspaces the
// flows with another namespace are drawn as one edge to it.
import { flowAllowed, peerMatches, selectingPolicies } from '../engine/evaluate.ts';
import type { Endpoint, EngineIndex } from '../engine/evaluate.ts';
import { podClasses } from '../engine/pod-classes.ts';
import type { NetworkPolicy, Protocol, Workload } from '../model/types.ts';
import { displayText } from '../model/display-text.ts';
import { sameData } from '../model/same-data.ts';
import type { FlowSummary, Graph, GraphNode, PortVerdict } from './graph-types.ts';
import { policySelects, validPolicySelects } from '../model/policy-selection.ts';

export interface ProbePort {
  readonly port: number;
  readonly protocol: Protocol;
}

const FALLBACK: readonly ProbePort[] = [{ port: 80, protocol: 'TCP' }];
const EXTERNAL_FALLBACK: readonly ProbePort[] = [{ port: 443, protocol: 'TCP' }];

function numericPorts(
  rules: readonly { readonly ports: NetworkPolicy['ingress'][number]['ports'] }[],
): ProbePort[] {
  const out = new Map<string, ProbePort>();
  for (const r of rules)
    for (const p of r.ports ?? [])
      if (typeof p.port === 'number')
        out.set(`${p.protocol}/${p.port}`, { port: p.port, protocol: p.protocol });
  return [...out.values()];
}

/** What to probe toward a workload: its declared ports, else the ports its ingress rules open. */
export function probePortsOf(
  w: Workload,
  policies: readonly NetworkPolicy[],
): readonly ProbePort[] {
  if (w.ports.length > 0) return w.ports.map((p) => ({ port: p.port, protocol: p.protocol }));
  const opened = numericPorts(
    policies.filter((p) => validPolicySelects(p, w)).flatMap((p) => p.ingress),
  );
  return opened.length > 0 ? opened : FALLBACK;
}

/** What to probe toward an external network from a workload: the ports its egress rules open. */
function externalProbePorts(
  from: Workload,
  policies: readonly NetworkPolicy[],
): readonly ProbePort[] {
  const opened = numericPorts(
    policies
      .filter((p) => validPolicySelects(p, from))
      .flatMap((p) =>
        p.egress.filter((r) => r.peers === null || r.peers.some((x) => x.kind === 'ipBlock')),
      ),
  );
  return opened.length > 0 ? opened : EXTERNAL_FALLBACK;
}

function endpointOf(n: GraphNode): Endpoint | null {
  if (n.data.kind === 'workload') return { kind: 'workload', workload: n.data.workload };
  if (n.data.kind === 'external' && n.data.probeIp !== null)
    return { kind: 'external', ip: n.data.probeIp };
  return null;
}

// A node's name as the flows' labels give it, once per node (nodes are kept across edits and
// selections of a large workspace: 10,000 labels per selection at 5,000 workloads).
const names = new WeakMap<GraphNode, string>();

function nameOf(n: GraphNode): string {
  let name = names.get(n);
  if (name === undefined) {
    name =
      n.data.kind === 'workload'
        ? displayText(n.data.workload.name, 60)
        : displayText(n.data.kind === 'external' ? n.data.label : n.data.name, 60);
    names.set(n, name);
  }
  return name;
}

// The verdict and its words per list of port verdicts: the workloads of one pod class share one
// list (singleFlows), so each is worded once.
const worded = new WeakMap<
  readonly PortVerdict[],
  { readonly state: FlowSummary['state']; readonly words: string }
>();

function wordsOf(ports: readonly PortVerdict[]) {
  let w = worded.get(ports);
  if (!w) {
    const allowed = ports.filter((p) => p.allowed);
    const state =
      allowed.length === ports.length ? 'allowed' : allowed.length === 0 ? 'denied' : 'partial';
    const list = (xs: PortVerdict[]) => xs.map((p) => `${p.protocol} ${p.port}`).join(', ');
    const denied = ports.filter((p) => !p.allowed);
    const parts = [
      allowed.length ? `allowed on ${list(allowed)}` : '',
      denied.length ? `denied on ${list(denied)}` : '',
    ].filter(Boolean);
    worded.set(ports, (w = { state, words: parts.join('; ') }));
  }
  return w;
}

function summarise(
  source: GraphNode,
  target: GraphNode,
  direction: 'out' | 'in',
  ports: readonly PortVerdict[],
): FlowSummary {
  const { state, words } = wordsOf(ports);
  return {
    id: `flow|${source.id}|${target.id}`,
    source: source.id,
    target: target.id,
    direction,
    ports,
    state,
    ariaLabel: `flow from ${nameOf(source)} to ${nameOf(target)}: ${words}`,
  };
}

/** Below this many workloads every flow gets its own edge: the picture is small enough to read. */
const GROUP_ABOVE_WORKLOADS = 60;
/** A namespace with at least this many workloads gets one edge per direction. */
const GROUP_MIN_MEMBERS = 4;

/**
 * The workloads of a namespace's edge, packed: the other node of each flow and its port verdicts.
 * The workloads of one pod class share one verdict list, so a worker's reply clones each list once
 * (structured cloning keeps shared references): at 5,000 workloads a selection's reply is ~10,000
 * ids, where whole summaries were ~3 MB to build, clone and read back at every keystroke.
 */
export interface PackedMembers {
  readonly others: readonly string[];
  readonly ports: readonly (readonly PortVerdict[])[];
}

/**
 * Members as a worker's reply carries them: the ids joined, with their lengths, and each member's
 * verdicts as an index into the distinct lists. Structured cloning copies one string and two typed
 * arrays, not ~10,000 strings and as many references (at 5,000 workloads reading the reply took
 * the page ~4-8 ms of every keystroke).
 */
export interface WireMembers {
  readonly ids: string;
  readonly lengths: Uint32Array;
  readonly lists: readonly (readonly PortVerdict[])[];
  readonly list: Uint32Array;
}

/** A flow as a worker sends it: a namespace's edge carries its members packed. */
export type WireFlow = Omit<FlowSummary, 'members'> & { readonly packed?: WireMembers };

function toWire(packed: PackedMembers): WireMembers {
  const n = packed.others.length;
  const lengths = new Uint32Array(n);
  const list = new Uint32Array(n);
  const index = new Map<readonly PortVerdict[], number>();
  const lists: (readonly PortVerdict[])[] = [];
  for (let i = 0; i < n; i++) {
    lengths[i] = (packed.others[i] as string).length;
    const ports = packed.ports[i] ?? [];
    let k = index.get(ports);
    if (k === undefined) index.set(ports, (k = lists.push(ports) - 1));
    list[i] = k;
  }
  return { ids: packed.others.join(''), lengths, lists, list };
}

/** A reply's members, unpacked when first read (an inspector, a search for one of them). */
class WireMembersRead implements PackedMembers {
  private ids: readonly string[] | undefined;
  private verdicts: readonly (readonly PortVerdict[])[] | undefined;
  constructor(private readonly wire: WireMembers) {}
  get others(): readonly string[] {
    if (!this.ids) {
      const out: string[] = [];
      let at = 0;
      for (const length of this.wire.lengths) out.push(this.wire.ids.slice(at, (at += length)));
      this.ids = out;
    }
    return this.ids;
  }
  get ports(): readonly (readonly PortVerdict[])[] {
    return (this.verdicts ??= Array.from(this.wire.list, (k) => this.wire.lists[k] ?? []));
  }
}

/** A lazy group's fields but its members, and its members packed. */
const packedOf = new WeakMap<
  FlowSummary,
  { readonly group: Omit<FlowSummary, 'members'>; readonly packed: PackedMembers }
>();

/**
 * A namespace's edge whose member summaries are made when first read (an inspector, a search for
 * one of them), from `packed` and the nodes of `graph`.
 */
function lazyGroup(
  group: Omit<FlowSummary, 'members'>,
  packed: PackedMembers,
  graph: Graph,
  selectedId: string,
): FlowSummary {
  let members: readonly FlowSummary[] | undefined;
  const make = (): readonly FlowSummary[] => {
    const self = graph.nodeById.get(selectedId) ?? stand(selectedId);
    return packed.others.map((id, i) => {
      const other = graph.nodeById.get(id) ?? stand(id);
      const ports = packed.ports[i] ?? [];
      return group.direction === 'out'
        ? summarise(self, other, 'out', ports)
        : summarise(other, self, 'in', ports);
    });
  };
  const out = Object.defineProperty({ ...group }, 'members', {
    enumerable: true,
    get: () => (members ??= make()),
  }) as FlowSummary;
  packedOf.set(out, { group, packed });
  return out;
}

/** A node the graph does not have (a reply for another read): named by its id. */
const stand = (id: string): GraphNode =>
  ({ id, data: { kind: 'namespace', name: id } }) as unknown as GraphNode;

/** Flows as a worker sends them: each namespace's edge with its members packed, not summarised. */
export function packFlows(flows: readonly FlowSummary[]): WireFlow[] {
  // Every namespace edge is a lazy group (flowsFor makes no other).
  return flows.map((f) => {
    const lazy = packedOf.get(f);
    return lazy ? { ...lazy.group, packed: toWire(lazy.packed) } : f;
  });
}

/** A worker's flows for the selection `selectedId` of `graph`, as the page's summaries. */
export function unpackFlows(
  flows: readonly WireFlow[],
  graph: Graph,
  selectedId: string,
): FlowSummary[] {
  return flows.map((f) => {
    if (!f.packed) return f;
    const { packed, ...rest } = f;
    return lazyGroup(rest, new WireMembersRead(packed), graph, selectedId);
  });
}

/**
 * Every flow between the selected workload and each other workload or external network. In a
 * large workspace, the flows with each other sizeable namespace become one edge to that namespace
 * (one per direction): hundreds of lines from one node read as noise and cost the browser dearly.
 * Their members are summarised only when read.
 */
export function flowsFor(
  graph: Graph,
  index: EngineIndex,
  selectedId: string,
  options: FlowOptions = {},
): FlowSummary[] {
  const probed = probeAll(graph, index, selectedId, options.byClass !== false);
  const selected = graph.nodeById.get(selectedId);
  if (!selected) return [];
  const home = selected.parent;
  const sizes = new Map<string, number>();
  let workloads = 0;
  for (const n of graph.nodes)
    if (n.data.kind === 'workload' && n.parent !== undefined) {
      workloads++;
      sizes.set(n.parent, (sizes.get(n.parent) ?? 0) + 1);
    }
  const out: FlowSummary[] = [];
  const groups = new Map<string, { others: string[]; ports: (readonly PortVerdict[])[] }>();
  const add = (key: string, other: GraphNode, ports: readonly PortVerdict[]) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { others: [], ports: [] }));
    g.others.push(other.id);
    g.ports.push(ports);
  };
  const grouping = workloads > GROUP_ABOVE_WORKLOADS;
  for (const { other, verdicts } of probed) {
    const ns = other.data.kind === 'workload' ? other.parent : undefined;
    if (!grouping || ns === undefined || ns === home || (sizes.get(ns) ?? 0) < GROUP_MIN_MEMBERS) {
      out.push(summarise(selected, other, 'out', verdicts.out));
      out.push(summarise(other, selected, 'in', verdicts.in));
      continue;
    }
    add(`out\u0000${ns}`, other, verdicts.out);
    add(`in\u0000${ns}`, other, verdicts.in);
  }
  for (const [key, packed] of groups) {
    const [direction, ns] = key.split('\u0000') as ['out' | 'in', string];
    out.push(
      lazyGroup(groupSummary(graph, selectedId, ns, direction, packed), packed, graph, selectedId),
    );
  }
  return out;
}

function groupSummary(
  graph: Graph,
  selectedId: string,
  nsId: string,
  direction: 'out' | 'in',
  packed: PackedMembers,
): Omit<FlowSummary, 'members'> {
  const counts = { allowed: 0, partial: 0, denied: 0 };
  for (const ports of packed.ports) counts[wordsOf(ports).state]++;
  const { allowed, partial, denied } = counts;
  const total = packed.others.length;
  const state = allowed === total ? 'allowed' : denied === total ? 'denied' : 'partial';
  const [source, target] = direction === 'out' ? [selectedId, nsId] : [nsId, selectedId];
  const self = graph.nodeById.get(selectedId);
  const ns = graph.nodeById.get(nsId);
  const me = self ? nameOf(self) : selectedId;
  const them = `namespace ${ns ? nameOf(ns) : nsId}`;
  const parts = [
    allowed && `${allowed} allowed`,
    partial && `${partial} on some ports only`,
    denied && `${denied} denied`,
  ].filter(Boolean);
  const [from, to] = direction === 'out' ? [me, them] : [them, me];
  return {
    id: `flow|${source}|${target}`,
    source,
    target,
    direction,
    ports: [],
    state,
    ariaLabel: `flows from ${from} to ${to}, ${total} workloads: ${parts.join(', ')}`,
    counts,
  };
}

/** A flow by id, whether drawn on its own or inside a namespace's edge. */
export function findFlow(flows: readonly FlowSummary[], id: string): FlowSummary | undefined {
  const [, source, target] = id.split('|');
  for (const f of flows) {
    if (f.id === id) return f;
    // A namespace's edge makes its members only when it holds that flow's other node.
    const packed = packedOf.get(f)?.packed;
    if (packed && !packed.others.includes((f.direction === 'out' ? target : source) ?? ''))
      continue;
    const inner = f.members?.find((m) => m.id === id);
    if (inner) return inner;
  }
  return undefined;
}

export interface FlowOptions {
  /**
   * False: every workload is probed, none answered for by another of its class. The answers are
   * the same (tested); the option is for that test.
   */
  readonly byClass?: boolean;
}

const classesByIndex = new WeakMap<EngineIndex, ReadonlyMap<Workload, number>>();

/** The class of each workload of the index: workloads no policy can tell apart share one. */
/** Works out the index's pod classes ahead of a first selection (a worker with time to spare). */
export function prepareFlows(index: EngineIndex): void {
  classesOf(index);
}

function classesOf(index: EngineIndex): ReadonlyMap<Workload, number> {
  let classes = classesByIndex.get(index);
  if (!classes) {
    const { classOf } = podClasses(index, index.workloads);
    classes = new Map(index.workloads.map((w, i) => [w, classOf[i] as number]));
    classesByIndex.set(index, classes);
  }
  return classes;
}

interface Probed {
  readonly out: readonly PortVerdict[];
  readonly in: readonly PortVerdict[];
}

/** A selection's probe, for the next probe of that selection on a later index to start from. */
interface LastProbe {
  readonly index: EngineIndex;
  readonly me: Workload;
  /** The ports probed into the selection. */
  readonly inbound: readonly ProbePort[];
  /** By the other node's id. */
  readonly verdicts: ReadonlyMap<string, Probed>;
}

let lastProbe: LastProbe | undefined;

/** Whether a valid policy of the index isolates `w` in that direction (the engine's answer). */
const isolated = (index: EngineIndex, w: Workload, direction: 'ingress' | 'egress') =>
  selectingPolicies(index, w, direction).length > 0;

/**
 * Which other nodes' flows with the selected workload `me` may differ on `now` from what they were
 * on `before`; null when any may. A verdict between two pods depends on the policies that select
 * either of them (their isolation, and their rules' peers and ports), on the pods' own labels,
 * namespaces, IPs and ports, and on the cluster policies and namespace labels. So after an edit
 * of a policy, only the pods it selected or selects are probed again, and when it selects the
 * selection, the pods its rules' peers match, before or after; and the workloads that are not
 * the same objects (read again, inferred anew). A keystroke at 5,000 workloads probed every pod
 * class.
 */
function staleSince(
  last: LastProbe,
  now: EngineIndex,
  me: Workload,
  inbound: readonly ProbePort[],
): ((other: Endpoint) => boolean) | null {
  const before = last.index;
  if (before === now) return () => false;
  if (!sameData(last.inbound, inbound)) return null;
  const [a, b] = [before.clusterPolicies, now.clusterPolicies];
  if (a.length !== b.length || a.some((p, i) => p !== b[i])) return null;
  // Namespaces gone or come matter only to their own workloads, gone or new objects (probed).
  for (const [name, labels] of now.namespaceLabels) {
    const was = before.namespaceLabels.get(name);
    if (was !== undefined && !sameData(was, labels)) return null;
  }
  // The policies edited, as they were and as they are.
  const edited: { readonly policy: NetworkPolicy; readonly index: EngineIndex }[] = [];
  const namespaces = new Set([
    ...before.policiesByNamespace.keys(),
    ...now.policiesByNamespace.keys(),
  ]);
  for (const ns of namespaces) {
    const was = before.policiesByNamespace.get(ns) ?? [];
    const is = now.policiesByNamespace.get(ns) ?? [];
    if (was.length === is.length && was.every((p, i) => p === is[i])) continue;
    const kept = new Set(is);
    for (const p of was) if (!kept.has(p)) edited.push({ policy: p, index: before });
    const had = new Set(was);
    for (const p of is) if (!had.has(p)) edited.push({ policy: p, index: now });
  }
  const stale = new Set<Workload>();
  const known = new Set(before.workloads);
  for (const w of now.workloads)
    if (!known.has(w) || edited.some((e) => policySelects(e.policy, w))) stale.add(w);
  let externals = false;
  const mine = edited.filter((e) => policySelects(e.policy, me));
  if (mine.length > 0) {
    // The selection's own policies changed: not its isolation, or every flow may have.
    for (const direction of ['ingress', 'egress'] as const)
      if (isolated(before, me, direction) !== isolated(now, me, direction)) return null;
    // Toward external networks the selection's own egress policies decide (and the ports probed).
    externals = true;
    for (const { policy, index } of mine)
      for (const direction of ['ingress', 'egress'] as const) {
        if (!policy.policyTypes[direction]) continue;
        for (const rule of policy[direction]) {
          if (rule.peers === null) return null;
          // An ipBlock peer matches the pods whose IPs it holds.
          for (const peer of rule.peers) {
            for (const w of now.workloads)
              if (
                !stale.has(w) &&
                w !== me &&
                peerMatches(index, policy, peer, { kind: 'workload', workload: w })
              )
                stale.add(w);
          }
        }
      }
  }
  // Most of a large workspace changed (a new text read whole): probing by pod class costs less
  // (a few hundred probes cost a few milliseconds either way).
  if (stale.size > 256 && stale.size * 4 > now.workloads.length) return null;
  return (other) => (other.kind === 'workload' ? stale.has(other.workload) : externals);
}

/** The port verdicts of each other node's flows out of and into the selected workload. */
function probeAll(
  graph: Graph,
  index: EngineIndex,
  selectedId: string,
  byClass: boolean,
): { readonly other: GraphNode; readonly verdicts: Probed }[] {
  const selected = graph.nodeById.get(selectedId);
  if (!selected || selected.data.kind !== 'workload') return [];
  const me = selected.data.workload;
  const self: Endpoint = { kind: 'workload', workload: me };
  const inbound = probePortsOf(me, index.policies);
  const out: { other: GraphNode; verdicts: Probed }[] = [];
  const probe = (from: Endpoint, to: Endpoint, ports: readonly ProbePort[]): PortVerdict[] =>
    ports.map(({ port, protocol }) => ({
      port,
      protocol,
      allowed: flowAllowed(index, { from, to, port, protocol }),
    }));
  // Workloads that no policy can tell apart (src/engine/pod-classes.ts) get the same verdicts at
  // the same ports, which are theirs or their rules': the first of each class (never the selected
  // workload itself, which a pod-to-itself rule treats apart) is probed for the others. At 5,000
  // workloads that is a few hundred probes instead of 20,000.
  // The same selection on a later index (an edit): only what the edit can have changed is probed;
  // the rest keep their verdicts (`staleSince`).
  const last = byClass && lastProbe?.me === me ? lastProbe : undefined;
  const stale = last ? staleSince(last, index, me, inbound) : null;
  const incremental = last !== undefined && stale !== null;
  const classes = byClass && !incremental ? classesOf(index) : undefined;
  const probed = new Map<number, Probed>();
  const verdictsById = new Map<string, Probed>();
  for (const other of graph.nodes) {
    if (other.id === selectedId) continue;
    const ep = endpointOf(other);
    if (!ep) continue;
    const cls = ep.kind === 'workload' ? classes?.get(ep.workload) : undefined;
    let verdicts = cls === undefined ? undefined : probed.get(cls);
    if (!verdicts && incremental && !stale(ep)) verdicts = last.verdicts.get(other.id);
    if (!verdicts) {
      const outPorts =
        ep.kind === 'workload'
          ? probePortsOf(ep.workload, index.policies)
          : externalProbePorts(me, index.policies);
      verdicts = { out: probe(self, ep, outPorts), in: probe(ep, self, inbound) };
      if (cls !== undefined) probed.set(cls, verdicts);
    }
    verdictsById.set(other.id, verdicts);
    out.push({ other, verdicts });
  }
  if (byClass) lastProbe = { index, me, inbound, verdicts: verdictsById };
  return out;
}
