// Workspace (with inferred workloads) → canvas graph: namespace groups holding workloads, external
// networks, and one edge per policy rule peer and selected pod, carrying what a click needs.
import type {
  ClusterNetworkPolicy,
  ClusterPeer,
  ExternalNetwork,
  LabelSelector,
  Namespace,
  NetworkPolicy,
  PolicyPeer,
  PolicyRule,
  Workload,
  Workspace,
} from '../model/types.ts';
import { isEmptySelector, matchesSelector, selectorKey } from '../model/selector.ts';
import { displayText } from '../model/display-text.ts';
import { sameData } from '../model/same-data.ts';
import { runSteps } from '../model/run-steps.ts';
import { clusterPolicySelects, policySelects } from '../model/policy-selection.ts';
import { NODE_SIZE, externalNodeId, graphOf, namespaceNodeId } from './graph-types.ts';
import type {
  Direction,
  Graph,
  GraphEdge,
  GraphNode,
  Isolation,
  WorkloadNodeData,
} from './graph-types.ts';
import {
  cidrLabel,
  clusterActionText,
  clusterPortsText,
  POLICY_HUES,
  policyHue,
  policyHueIndex,
  rulePortsText,
} from './labels.ts';
import { probeIpFor } from './probe-ip.ts';

export type GraphInput = Pick<Workspace, 'namespaces' | 'workloads' | 'policies'> &
  Partial<Pick<Workspace, 'clusterPolicies'>>;

const CLUSTER_ID = 'ext:cluster';
/** No nodes: a selector peer the nodes-only graph does not match. */
const NO_IDS: readonly string[] = [];
/** Above this many edges for one rule peer, pods are drawn as their namespaces. */
const MAX_RULE_EDGES = 12;
/** How much of a build one step does (each a few milliseconds at most on a slow machine). */
const WORKLOADS_PER_STEP = 500;
const POLICIES_PER_STEP = 25;

export function isolationText(i: Isolation): string {
  if (i.ingress && i.egress) return 'isolated for ingress and egress';
  if (i.ingress) return 'isolated for ingress';
  if (i.egress) return 'isolated for egress';
  return 'not isolated';
}

export function workloadAriaLabel(w: Workload, isolation: Isolation): string {
  const who = w.inferred
    ? `inferred workload ${displayText(w.name, 60)} (inferred from selector)`
    : `workload ${displayText(w.name, 60)}`;
  return `${who} in namespace ${displayText(w.namespace, 60)}, ${isolationText(isolation)}`;
}

/** The ids of the policies isolating a workload, per direction (its namespace's policies only). */
function selecting(
  inNamespace: readonly NetworkPolicy[],
  w: Workload,
): Record<Direction, string[]> {
  const out: Record<Direction, string[]> = { ingress: [], egress: [] };
  for (const p of inNamespace) {
    if (!(p.policyTypes.ingress || p.policyTypes.egress)) continue;
    if (!policySelects(p, w)) continue;
    if (p.policyTypes.ingress) out.ingress.push(p.id);
    if (p.policyTypes.egress) out.egress.push(p.id);
  }
  return out;
}

function defaultDenyOf(policies: readonly NetworkPolicy[], ns: string): Isolation {
  const denies = (dir: Direction) =>
    policies.some(
      (p) =>
        p.namespace === ns &&
        isEmptySelector(p.podSelector) &&
        (dir === 'ingress' ? p.policyTypes.ingress : p.policyTypes.egress) &&
        (dir === 'ingress' ? p.ingress : p.egress).length === 0,
    );
  return { ingress: denies('ingress'), egress: denies('egress') };
}

/**
 * `placed`: external networks the user put on the canvas; they are drawn even when no policy
 * names them, and their names label the ipBlocks with the same CIDR.
 */
export interface GraphOptions {
  /**
   * False: the nodes only (workloads, namespaces, and the external networks the rules name), no
   * edges. What the engine's flows and the coverage need, for a fifth of the cost at 5,000
   * workloads (the worker builds these). Selector peers are not matched, so the node that
   * stands for every pod (an endpoint of no flow) is not among them.
   */
  readonly edges?: boolean;
}

/** What a build keeps for the next one: each policy's edges and what they were drawn from. */
interface BuildMemo {
  readonly drawEdges: boolean;
  readonly policies: ReadonlyMap<string, readonly PolicyDrawn[]>;
  /**
   * What names the nodes in edge labels (and places them): placed networks, and the workloads,
   * whose names the built graph's nodes keep.
   */
  readonly placed: readonly ExternalNetwork[];
  /** Selector matches by key, and the workloads and namespaces they were matched against. */
  readonly matched: ReadonlyMap<string, string[]>;
  readonly world: SelectorWorld;
  /** The recoloured copy of each edge that `distinctHues` gave another hue. */
  readonly coloured: WeakMap<GraphEdge, GraphEdge>;
  /** What isolates a namespace's workloads: its policies' ids, types and pod selectors. */
  readonly isolating: ReadonlyMap<string, string>;
  /** The policies' drawings in drawing order. */
  readonly sequence: readonly PolicyDrawn[];
}

/** What decides which of a namespace's policies isolate which of its workloads. */
function isolatingKey(policies: readonly NetworkPolicy[]): string {
  let key = '';
  for (const p of policies)
    key += `${p.id}\u0000${p.policyTypes.ingress ? 1 : 0}${p.policyTypes.egress ? 1 : 0}${selectorKey(p.podSelector)}\u0000`;
  return key;
}

/**
 * The node a workload had in the previous build, when its isolation and label still hold: same
 * name, namespace and labels, and the same policies isolating in its namespace. Its policies
 * lists and label are taken over (a keystroke in one policy built 5,000 nodes anew, ~40% of a
 * build); the node refers to the workload as read now.
 */
function nodeKept(
  was: GraphNode | undefined,
  w: Workload,
  sameIsolating: boolean,
): GraphNode | undefined {
  if (!sameIsolating || was?.data.kind !== 'workload') return undefined;
  const before = was.data.workload;
  if (before === w) return was;
  if (
    before.name !== w.name ||
    before.namespace !== w.namespace ||
    before.inferred !== w.inferred ||
    (before.labels !== w.labels && !sameData(before.labels, w.labels))
  )
    return undefined;
  return { ...was, data: { ...was.data, workload: w } };
}

/** What selectors are matched against. */
interface SelectorWorld {
  readonly namespaces: readonly Namespace[];
  readonly workloads: readonly Workload[];
}

/**
 * The namespaces whose workloads selectors would see differently in `b` than in `a` (workloads
 * added, removed, reordered or relabelled there), or null when the namespaces themselves differ
 * (added, removed, reordered, relabelled): then every selector is matched again.
 */
function changedNamespaces(a: SelectorWorld, b: SelectorWorld): ReadonlySet<string> | null {
  if (a.namespaces.length !== b.namespaces.length) return null;
  for (let i = 0; i < a.namespaces.length; i++) {
    const x = a.namespaces[i] as Namespace;
    const y = b.namespaces[i] as Namespace;
    if (x.name !== y.name || (x.labels !== y.labels && !sameData(x.labels, y.labels))) return null;
  }
  const byNamespace = (list: readonly Workload[]) => {
    const out = new Map<string, Workload[]>();
    for (const w of list) {
      const l = out.get(w.namespace);
      if (l) l.push(w);
      else out.set(w.namespace, [w]);
    }
    return out;
  };
  const before = byNamespace(a.workloads);
  const after = byNamespace(b.workloads);
  const changed = new Set<string>();
  for (const ns of new Set([...before.keys(), ...after.keys()])) {
    const x = before.get(ns) ?? [];
    const y = after.get(ns) ?? [];
    const same =
      x.length === y.length &&
      x.every((w, i) => {
        const v = y[i] as Workload;
        return (
          w.id === v.id &&
          w.hostNetwork === v.hostNetwork &&
          (w.labels === v.labels || sameData(w.labels, v.labels))
        );
      });
    if (!same) changed.add(ns);
  }
  return changed;
}

/**
 * The selector matches of the last build that still hold: those about namespaces whose workloads
 * read alike. A match by namespaceSelector spans namespaces and is made again (there are few).
 * An edit that adds an inferred workload in one namespace no longer matches every selector of
 * every policy again (~25 ms of a keystroke at 5,000 workloads).
 */
function keptMatches(
  matched: ReadonlyMap<string, string[]>,
  changed: ReadonlySet<string>,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, ids] of matched) {
    const ns = key.split('\u0000')[1] ?? '';
    if (!ns.startsWith('*') && !changed.has(ns)) out.set(key, ids);
  }
  return out;
}

/** A workload as edge labels and grouping see it: its name and namespace. */

/** Whether every node keeps its name and namespace: no workload id now names another one. */
function sameNames(
  memo: BuildMemo,
  placed: readonly ExternalNetwork[],
  ws: GraphInput,
  previous: Graph,
): boolean {
  if (!sameData(memo.placed, placed)) return false;
  for (const w of ws.workloads) {
    const was = previous.nodeById.get(w.id)?.data;
    if (was?.kind !== 'workload') continue;
    if (was.workload.namespace !== w.namespace || was.workload.name !== w.name) return false;
  }
  return true;
}

interface PolicyDrawn {
  readonly policy: NetworkPolicy;
  /** The nodes its selected pods and each rule peer stand for, in drawing order. */
  readonly resolved: readonly (readonly string[])[];
  readonly edges: readonly GraphEdge[];
}

/** A drawing being made: its edges get their lanes once every policy is drawn. */
interface Drawing extends Omit<PolicyDrawn, 'edges'> {
  edges: readonly GraphEdge[];
}

/** What the previous build drew, in order, and which of its drawings were taken over. */
interface Drawn {
  readonly sequence: readonly PolicyDrawn[];
  readonly takenFrom: ReadonlyMap<Drawing, PolicyDrawn>;
}

const memos = new WeakMap<Graph, BuildMemo>();

/** The parts of a policy its edges are drawn from (its place in the text is not one). */
const sameRules = (a: NetworkPolicy, b: NetworkPolicy): boolean =>
  a === b ||
  (a.id === b.id &&
    a.namespace === b.namespace &&
    a.valid === b.valid &&
    sameData(a.podSelector, b.podSelector) &&
    sameData(a.policyTypes, b.policyTypes) &&
    sameData(a.ingress, b.ingress) &&
    sameData(a.egress, b.egress));

/**
 * With `previous` (a graph built by this function), a policy whose rules did not change and whose
 * selected pods and peers stand for the same nodes, named alike, keeps its edges: typing in one
 * policy of a large workspace draws that policy's edges only. The result equals a fresh build
 * (property-tested).
 */
export function buildGraph(
  ws: GraphInput,
  placed: readonly ExternalNetwork[] = [],
  options: GraphOptions = {},
  previous?: Graph,
): Graph {
  return runSteps(buildGraphInSteps(ws, placed, options, previous));
}

/**
 * `buildGraph` as steps of a few milliseconds each (a slice of the workloads or policies): the
 * page builds a large graph over several tasks, so no task holds it for the whole build.
 */
export function* buildGraphInSteps(
  ws: GraphInput,
  placed: readonly ExternalNetwork[] = [],
  options: GraphOptions = {},
  previous?: Graph,
): Generator<void, Graph, void> {
  const drawEdges = options.edges !== false;
  const placedNames = new Map(placed.map((e) => [e.cidr, e.name]));
  const policies = ws.policies.filter((p) => p.valid);
  const nodes: GraphNode[] = [];
  const externals: GraphNode[] = [];
  const nodeById = new Map<string, GraphNode>();
  const add = (list: GraphNode[], node: GraphNode) => {
    list.push(node);
    nodeById.set(node.id, node);
  };
  const byNamespace = new Map<string, Workload[]>();
  for (const w of ws.workloads) {
    const list = byNamespace.get(w.namespace) ?? [];
    list.push(w);
    byNamespace.set(w.namespace, list);
  }
  const namespaces: Namespace[] = [...ws.namespaces];
  for (const name of byNamespace.keys())
    if (!namespaces.some((n) => n.name === name))
      namespaces.push({ name, labels: {}, inferred: true });

  const before = previous && memos.get(previous);
  const reusable =
    before?.drawEdges === drawEdges && previous && sameNames(before, placed, ws, previous)
      ? before
      : undefined;
  const drawn = new Map<string, PolicyDrawn[]>();
  const sequence: Drawing[] = [];
  /** The previous build's drawing each drawing took its edges from. */
  const takenFrom = new Map<Drawing, PolicyDrawn>();

  const policiesIn = new Map<string, NetworkPolicy[]>();
  for (const p of policies) {
    const list = policiesIn.get(p.namespace) ?? [];
    list.push(p);
    policiesIn.set(p.namespace, list);
  }
  for (const ns of namespaces) {
    const members = byNamespace.get(ns.name) ?? [];
    const defaultDeny = defaultDenyOf(policiesIn.get(ns.name) ?? [], ns.name);
    const deny = [defaultDeny.ingress && 'ingress', defaultDeny.egress && 'egress'].filter(Boolean);
    add(nodes, {
      id: namespaceNodeId(ns.name),
      data: {
        kind: 'namespace',
        name: ns.name,
        inferred: ns.inferred,
        defaultDeny,
        workloadCount: members.length,
        ariaLabel: `namespace ${displayText(ns.name, 60)}, ${members.length} workload${members.length === 1 ? '' : 's'}${deny.length ? `, default deny ${deny.join(' and ')}` : ''}`,
      },
      width: NODE_SIZE.workload.width + 2 * NODE_SIZE.namespacePadding,
      height: NODE_SIZE.namespaceHeader + NODE_SIZE.namespacePadding,
    });
  }
  let done = 0;
  const isolatingNow = new Map<string, string>();
  for (const ns of byNamespace.keys()) isolatingNow.set(ns, isolatingKey(policiesIn.get(ns) ?? []));
  for (const w of ws.workloads) {
    if (++done % WORKLOADS_PER_STEP === 0) yield;
    const kept = before
      ? nodeKept(
          previous?.nodeById.get(w.id),
          w,
          before.isolating.get(w.namespace) === isolatingNow.get(w.namespace),
        )
      : undefined;
    if (kept) {
      add(nodes, kept);
      continue;
    }
    const isolating = selecting(policiesIn.get(w.namespace) ?? [], w);
    const isolation = {
      ingress: isolating.ingress.length > 0,
      egress: isolating.egress.length > 0,
    };
    const data: WorkloadNodeData = {
      kind: 'workload',
      workload: w,
      isolation,
      policies: isolating,
      ariaLabel: workloadAriaLabel(w, isolation),
    };
    add(nodes, { id: w.id, parent: namespaceNodeId(w.namespace), data, ...NODE_SIZE.workload });
  }

  const externalFor = (cidr: string | null, except: readonly string[]): string => {
    const id =
      cidr === null
        ? externalNodeId(null)
        : `${externalNodeId(cidr)}${except.length ? ` except ${except.join(',')}` : ''}`;
    if (!nodeById.has(id)) {
      const label = (cidr !== null && placedNames.get(cidr)) || cidrLabel(cidr);
      const suffix = except.length ? ` except ${except.join(', ')}` : '';
      add(externals, {
        id,
        data: {
          kind: 'external',
          cidr,
          label,
          except,
          probeIp: cidr === null ? '203.0.113.10' : probeIpFor(cidr, except),
          placed: cidr !== null && except.length === 0 && placedNames.has(cidr),
          ariaLabel:
            cidr === null
              ? 'anywhere: every source or destination, in or outside the cluster'
              : `external network ${displayText(label, 60)}${label === cidr ? '' : ` (${cidr})`}${suffix}`,
        },
        ...NODE_SIZE.external,
      });
    }
    return id;
  };
  for (const e of placed) externalFor(e.cidr, []);
  const clusterNode = (): string => {
    if (!nodeById.has(CLUSTER_ID)) {
      add(externals, {
        id: CLUSTER_ID,
        data: {
          kind: 'external',
          cidr: null,
          label: 'every pod, all namespaces',
          except: [],
          probeIp: null,
          placed: false,
          ariaLabel: 'every pod in every namespace',
        },
        ...NODE_SIZE.external,
      });
    }
    return CLUSTER_ID;
  };

  const namespacesMatching = (p: NetworkPolicy, sel: LabelSelector | null): string[] =>
    sel === null
      ? [p.namespace]
      : namespaces.filter((n) => matchesSelector(n.labels, sel)).map((n) => n.name);

  // Policies repeat their selectors (app=web in many rules): each distinct peer or target is
  // matched against the workloads once. Keyed by the policy's namespace where it matters.
  // Kept from the previous build while the workloads and namespaces read alike (an edit in a
  // policy): only a new selector is matched.
  const changed =
    before && changedNamespaces(before.world, { namespaces, workloads: ws.workloads });
  const matched =
    before && changed
      ? changed.size === 0
        ? new Map(before.matched)
        : keptMatches(before.matched, changed)
      : new Map<string, string[]>();
  const memo = (key: string, find: () => string[]): string[] => {
    let ids = matched.get(key);
    if (!ids) matched.set(key, (ids = find()));
    // The node every pod stands for is made on demand: a kept answer naming it makes it here.
    else if (ids.length === 1 && ids[0] === CLUSTER_ID) clusterNode();
    return ids;
  };
  const workloadsIn = (ns: string, sel: LabelSelector): string[] =>
    memo(`w\u0000${ns}\u0000${selectorKey(sel)}`, () =>
      (byNamespace.get(ns) ?? []).filter((w) => matchesSelector(w.labels, sel)).map((w) => w.id),
    );

  /** The canvas nodes a peer stands for. */
  const peerNodes = (p: NetworkPolicy, peer: PolicyPeer): string[] =>
    peer.kind === 'ipBlock'
      ? [externalFor(peer.cidr, peer.except)]
      : memo(
          `p\u0000${peer.namespaceSelector === null ? p.namespace : `*${selectorKey(peer.namespaceSelector)}`}\u0000${peer.podSelector === null ? '' : selectorKey(peer.podSelector)}`,
          () => selectorPeerNodes(p, peer),
        );
  const selectorPeerNodes = (p: NetworkPolicy, peer: PolicyPeer): string[] => {
    if (peer.kind === 'ipBlock') return [externalFor(peer.cidr, peer.except)];
    const wholeNamespaces = peer.podSelector === null || isEmptySelector(peer.podSelector);
    if (
      wholeNamespaces &&
      peer.namespaceSelector !== null &&
      isEmptySelector(peer.namespaceSelector)
    )
      return [clusterNode()];
    const nsNames = namespacesMatching(p, peer.namespaceSelector);
    if (wholeNamespaces) return nsNames.map(namespaceNodeId);
    const podSel = peer.podSelector as LabelSelector;
    return nsNames.flatMap((ns) => workloadsIn(ns, podSel));
  };

  const namespaceOf = (id: string): string => {
    const n = nodeById.get(id);
    return n?.parent ?? id;
  };
  const grouped = (ids: readonly string[]) => [...new Set(ids.map(namespaceOf))];
  /**
   * A rule between many pods and many pods would draw their product; past a few edges the larger
   * side is drawn as its namespaces (the selection stays in the label and the inspector).
   */
  const aggregate = (ends: readonly string[], targets: readonly string[]): [string[], string[]] => {
    let e = [...ends];
    let t = [...targets];
    const nonSelf = (a: string[], b: string[]) => a.some((x) => b.some((y) => x !== y));
    // The larger side first, then the other: a rule from pods of many namespaces to many pods of
    // one is one edge per namespace pair, not one per pod pair.
    while (e.length * t.length > MAX_RULE_EDGES) {
      const ge = grouped(e);
      const gt = grouped(t);
      const groupEnds = ge.length < e.length && nonSelf(ge, t);
      const groupTargets = gt.length < t.length && nonSelf(e, gt);
      if (groupEnds && (e.length >= t.length || !groupTargets)) e = ge;
      else if (groupTargets) t = gt;
      else break;
    }
    return [e, t];
  };

  const nodeNames = new Map<string, string>();
  done = 0;
  for (const p of policies) {
    if (++done % POLICIES_PER_STEP === 0) yield;
    const mine = drawPolicy(p);
    sequence.push(mine);
    const list = drawn.get(p.id);
    if (list) list.push(mine);
    else drawn.set(p.id, [mine]);
  }

  /** Whether the policy was drawn before from the same rules and the same nodes. */
  function drawnBefore(
    p: NetworkPolicy,
    resolved: readonly (readonly string[])[],
  ): PolicyDrawn | undefined {
    if (!reusable) return undefined;
    return reusable.policies.get(p.id)?.find(
      (d) =>
        sameRules(d.policy, p) &&
        d.resolved.length === resolved.length &&
        d.resolved.every((ids, i) => {
          const now = resolved[i] as readonly string[];
          return ids === now || sameIds(ids, now);
        }),
    );
  }

  function drawPolicy(p: NetworkPolicy): Drawing {
    const targets = isEmptySelector(p.podSelector)
      ? [namespaceNodeId(p.namespace)]
      : workloadsIn(p.namespace, p.podSelector);
    if (targets.length === 0) return { policy: p, resolved: [targets], edges: [] };
    const rules: { direction: Direction; rule: PolicyRule; ruleIndex: number; peers: Ends[] }[] =
      [];
    const resolved: (readonly string[])[] = [targets];
    for (const direction of ['ingress', 'egress'] as const) {
      if (!(direction === 'ingress' ? p.policyTypes.ingress : p.policyTypes.egress)) continue;
      (direction === 'ingress' ? p.ingress : p.egress).forEach((rule, ruleIndex) => {
        // The peers' nodes exist from here on (external networks among them).
        const peers: Ends[] =
          rule.peers === null
            ? [{ peerIndex: null, nodes: [externalFor(null, [])] }]
            : rule.peers.map((peer, i) => ({
                peerIndex: i,
                // Without edges only the external networks matter: pods are nodes already.
                nodes: drawEdges || peer.kind === 'ipBlock' ? peerNodes(p, peer) : NO_IDS,
              }));
        for (const { nodes } of peers) resolved.push(nodes);
        rules.push({ direction, rule, ruleIndex, peers });
      });
    }
    if (!drawEdges) return { policy: p, resolved, edges: [] };
    const kept = drawnBefore(p, resolved);
    // Taken over with their lanes; \`laneEdges\` counts again those an edit may have moved.
    if (kept) {
      const mine: Drawing = { policy: p, resolved, edges: kept.edges };
      takenFrom.set(mine, kept);
      return mine;
    }
    const mine: GraphEdge[] = [];
    const hue = policyHue(p.id);
    const policyName = displayText(p.id, 60);
    for (const { direction, rule, ruleIndex, peers } of rules) {
      const portsLabel = rulePortsText(rule);
      for (const { peerIndex, nodes: peerEnds } of peers) {
        const [ends, targetsHere] = aggregate(peerEnds, targets);
        // An end drawn as a namespace that stands for some of its pods only (an AND peer, or
        // the pods the policy selects) must not read like the whole namespace.
        const peer = peerIndex === null ? null : (rule.peers?.[peerIndex] ?? null);
        const peerSome =
          peer?.kind === 'selector' && ends !== peerEnds && !sameIds(ends, peerEnds)
            ? somePods(peer.podSelector)
            : null;
        const targetSome = !sameIds(targetsHere, targets) ? somePods(p.podSelector) : null;
        const [sourceSome, destSome] =
          direction === 'ingress' ? [peerSome, targetSome] : [targetSome, peerSome];
        const only = [sourceSome && `from ${sourceSome}`, destSome && `to ${destSome}`]
          .filter(Boolean)
          .join(', ');
        const ruleNo = `${direction} rule ${ruleIndex + 1}${peerIndex === null ? '' : `, peer ${peerIndex + 1}`}`;
        for (const end of ends) {
          for (const target of targetsHere) {
            const source = direction === 'ingress' ? end : target;
            const dest = direction === 'ingress' ? target : end;
            if (source === dest) continue;
            const sourceText = sourceSome
              ? `${sourceSome} in ${nodeName(source)}`
              : nodeName(source);
            const destText = destSome ? `${destSome} in ${nodeName(dest)}` : nodeName(dest);
            mine.push({
              id: `${p.id}|${direction}|${ruleIndex}|${peerIndex ?? '*'}|${source}|${dest}`,
              source,
              target: dest,
              data: {
                kind: 'policy',
                policyId: p.id,
                direction,
                ruleIndex,
                peerIndex,
                portsLabel,
                hue,
                lane: 0,
                ...(only ? { only } : {}),
                ariaLabel: `policy ${policyName} ${ruleNo}: from ${sourceText} to ${destText}, ${portsLabel}`,
              },
            });
          }
        }
      }
    }
    return { policy: p, resolved, edges: mine };
  }

  const clusterEdges: GraphEdge[] = [];

  // Cluster policy rules: the same edges, peers and lanes as NetworkPolicy rules, carrying their
  // tier and action. The subject stands where a NetworkPolicy's selected pods do.
  const nsLabels = (name: string) => namespaces.find((n) => n.name === name)?.labels ?? {};
  const clusterTargets = (p: ClusterNetworkPolicy): string[] => {
    // Each namespace it covers, even all of them: a Baseline deny from every pod must still show.
    if (p.subject.podSelector === null)
      return namespaces
        .filter((n) => matchesSelector(n.labels, p.subject.namespaceSelector))
        .map((n) => namespaceNodeId(n.name));
    return ws.workloads
      .filter((w) => clusterPolicySelects(p, w, nsLabels(w.namespace)))
      .map((w) => w.id);
  };
  const clusterPeerNodes = (peer: ClusterPeer): string[] => {
    switch (peer.kind) {
      case 'namespaces':
        if (isEmptySelector(peer.namespaceSelector)) return [clusterNode()];
        return namespaces
          .filter((n) => matchesSelector(n.labels, peer.namespaceSelector))
          .map((n) => namespaceNodeId(n.name));
      case 'pods':
        return ws.workloads
          .filter(
            (w) =>
              w.hostNetwork !== true &&
              matchesSelector(nsLabels(w.namespace), peer.namespaceSelector) &&
              matchesSelector(w.labels, peer.podSelector),
          )
          .map((w) => w.id);
      case 'networks':
        return peer.cidrs.map((c) => externalFor(c, []));
      default:
        // Nodes and domain names are not in the workspace; an unknown peer is in the inspector.
        return [];
    }
  };
  yield;
  for (const p of ws.clusterPolicies ?? []) {
    if (!p.valid) continue;
    yield;
    const targets = clusterTargets(p);
    if (targets.length === 0) continue;
    const hue = policyHue(p.id);
    for (const direction of ['ingress', 'egress'] as const) {
      p[direction].forEach((rule, ruleIndex) => {
        const ports = clusterPortsText(rule.ports);
        const cluster = {
          tier: p.tier,
          action: rule.action,
          priority: p.priority,
          ruleName: rule.name,
        };
        const what = clusterActionText(cluster);
        // The tier and action lead the label's text, so the canvas (and the exported diagram,
        // which draws the same label) reads "Admin Deny · TCP 80" without a legend.
        const portsLabel = `${what} · ${ports}`;
        rule.peers.forEach((peer, peerIndex) => {
          if (!drawEdges) {
            if (peer.kind === 'networks') clusterPeerNodes(peer);
            return;
          }
          const peerEnds = clusterPeerNodes(peer);
          const [ends, targetsHere] = aggregate(peerEnds, targets);
          for (const end of ends) {
            for (const target of targetsHere) {
              const [source, dest] = direction === 'ingress' ? [end, target] : [target, end];
              if (source === dest) continue;
              clusterEdges.push({
                id: `${p.id}|${direction}|${ruleIndex}|${peerIndex}|${source}|${dest}`,
                source,
                target: dest,
                data: {
                  kind: 'policy',
                  policyId: p.id,
                  direction,
                  ruleIndex,
                  peerIndex,
                  portsLabel,
                  hue,
                  lane: 0,
                  cluster,
                  ariaLabel: `${what}: cluster policy ${displayText(p.id, 60)} (${p.tier} tier, priority ${p.priority}) ${direction} rule ${ruleIndex + 1}, peer ${peerIndex + 1}: from ${nodeName(source)} to ${nodeName(dest)}, ${ports}`,
                },
              });
            }
          }
        });
      });
    }
  }

  function nodeName(id: string): string {
    let name = nodeNames.get(id);
    if (name === undefined) nodeNames.set(id, (name = nameOfNode(id)));
    return name;
  }
  function nameOfNode(id: string): string {
    const d = nodeById.get(id)?.data;
    if (!d) return displayText(id, 60);
    if (d.kind === 'workload') return displayText(d.workload.name, 60);
    if (d.kind === 'namespace') return `namespace ${displayText(d.name, 60)}`;
    return displayText(d.label, 60);
  }
  const edges = laneEdges(
    sequence,
    clusterEdges,
    reusable && { sequence: reusable.sequence, takenFrom },
  );

  // Each policy's nodes: kept with its edges for a policy drawn before.
  const nodesOf = new Map<string, ReadonlySet<string>>();
  const touches = (id: string, ends: ReadonlySet<string>) => {
    if (ends.size === 0) return;
    const had = nodesOf.get(id);
    nodesOf.set(id, had ? new Set([...had, ...ends]) : ends);
  };
  for (const [id, list] of drawn) for (const d of list) touches(id, endsOf(d.edges));
  const clusterByPolicy = new Map<string, GraphEdge[]>();
  for (let i = edges.length - clusterEdges.length; i < edges.length; i++) {
    const e = edges[i] as GraphEdge;
    const list = clusterByPolicy.get(e.data.policyId);
    if (list) list.push(e);
    else clusterByPolicy.set(e.data.policyId, [e]);
  }
  for (const [id, list] of clusterByPolicy) touches(id, endsOf(list));
  yield;
  const recoloured = new WeakMap<GraphEdge, GraphEdge>();
  const coloured = distinctHues(
    nodesOf,
    edges,
    (e, hue) => {
      let copy = before?.coloured.get(e);
      if (copy?.data.hue !== hue) copy = { ...e, data: { ...e.data, hue } };
      recoloured.set(e, copy);
      return copy;
    },
    nodeById.size,
  );

  const graph = graphOf([...nodes, ...externals], coloured, nodeById);
  memos.set(graph, {
    drawEdges,
    policies: drawn,
    matched,
    world: { namespaces, workloads: ws.workloads },
    placed,
    coloured: recoloured,
    isolating: isolatingNow,
    sequence,
  });
  return graph;
}

/**
 * Every edge in drawing order (the policies', then the cluster policies'), each with its lane: 0
 * for the first edge between two nodes, 1 for the next…, so parallel edges fan out. The
 * drawings' edges arrays are updated to the lanes (a drawing keeps them for the next build).
 *
 * With `before` (what the previous build drew, and which of its drawings were taken over), only
 * the pairs of nodes an edit can have given other lanes are counted again: those of the edges
 * drawn anew (the cluster policies' among them), and of the previous build's policy edges not
 * taken over. Any other pair has the very
 * same edges as before, in the same order, so the same lanes (counting every edge of 25,000 at
 * each keystroke at 5,000 workloads allocated ~2 MB of maps). Everything is counted again when
 * the drawings taken over are not in their earlier order.
 */
function laneEdges(
  sequence: readonly Drawing[],
  clusterEdges: readonly GraphEdge[],
  before: Drawn | undefined,
): GraphEdge[] {
  const pairs = before && changedPairs(sequence, clusterEdges, before);
  const counts = new Map<string, Map<string, number>>();
  const relane = (list: readonly GraphEdge[]): readonly GraphEdge[] => {
    let out: GraphEdge[] | undefined;
    for (let i = 0; i < list.length; i++) {
      const e = list[i] as GraphEdge;
      if (pairs && !pairs.get(e.source)?.has(e.target)) continue;
      let from = counts.get(e.source);
      if (!from) counts.set(e.source, (from = new Map()));
      const lane = from.get(e.target) ?? 0;
      from.set(e.target, lane + 1);
      if (lane !== e.data.lane) (out ??= [...list])[i] = { ...e, data: { ...e.data, lane } };
    }
    return out ?? list;
  };
  const edges: GraphEdge[] = [];
  for (const d of sequence) {
    d.edges = relane(d.edges);
    for (const e of d.edges) edges.push(e);
  }
  for (const e of relane(clusterEdges)) edges.push(e);
  return edges;
}

/**
 * The pairs of nodes (source → targets) whose edges may have other lanes than in the previous
 * build; null when all may.
 */
function changedPairs(
  sequence: readonly Drawing[],
  clusterEdges: readonly GraphEdge[],
  before: Drawn,
): Map<string, Set<string>> | null {
  const pairs = new Map<string, Set<string>>();
  const mark = (list: readonly GraphEdge[]) => {
    for (const e of list) {
      let to = pairs.get(e.source);
      if (!to) pairs.set(e.source, (to = new Set()));
      to.add(e.target);
    }
  };
  const at = new Map<PolicyDrawn, number>();
  before.sequence.forEach((d, i) => at.set(d, i));
  const taken = new Set<PolicyDrawn>();
  let last = -1;
  for (const d of sequence) {
    const was = before.takenFrom.get(d);
    if (was === undefined) {
      mark(d.edges);
      continue;
    }
    const i = at.get(was);
    // Taken over out of their order, or twice: the lanes are counted again, all of them.
    if (i === undefined || i <= last) return null;
    last = i;
    taken.add(was);
  }
  for (const d of before.sequence) if (!taken.has(d)) mark(d.edges);
  // The cluster policies' edges are drawn anew, after the policies': those that went move no
  // other lane.
  mark(clusterEdges);
  return pairs;
}

/**
 * Node ids as small numbers, for the colouring's masks: kept across builds (a keystroke's build
 * numbers only the nodes of the drawings it made anew), started again once they hold many more
 * ids than the graph has nodes (other workspaces opened before).
 */
let idNumbers = new Map<string, number>();
let numbered = new WeakMap<ReadonlySet<string>, Int32Array>();

function numbersOf(ends: ReadonlySet<string>): Int32Array {
  let out = numbered.get(ends);
  if (!out) {
    out = new Int32Array(ends.size);
    let i = 0;
    for (const id of ends) {
      let n = idNumbers.get(id);
      if (n === undefined) idNumbers.set(id, (n = idNumbers.size));
      out[i++] = n;
    }
    numbered.set(ends, out);
  }
  return out;
}

/** The policy ids of the last colouring, sorted: the same ids are sorted once. */
let lastOrder: readonly string[] = [];

function policyOrder(ids: ReadonlyMap<string, unknown>): readonly string[] {
  if (ids.size !== lastOrder.length || !lastOrder.every((id) => ids.has(id)))
    lastOrder = [...ids.keys()].sort();
  return lastOrder;
}

/**
 * Gives policies whose edges meet at a node different hues (greedy colouring in the order of
 * their ids), each keeping its own hashed hue when no neighbour has it, so colours stay put as
 * policies come and go elsewhere.
 */
function distinctHues(
  nodesOf: ReadonlyMap<string, ReadonlySet<string>>,
  edges: GraphEdge[],
  recolour: (e: GraphEdge, hue: number) => GraphEdge,
  nodeCount: number,
): GraphEdge[] {
  // The hues of the policies coloured so far, by node, as bit masks of palette indices: a
  // policy's neighbours coloured before it are exactly those whose hues its nodes hold (asking
  // each neighbour policy cost ~80 ms at 5,000 workloads, sets of hues per node ~18 ms, masks in
  // a map by node id ~5-10 ms: they are in an array by node number).
  if (idNumbers.size > 4 * nodeCount + 50_000) {
    idNumbers = new Map();
    numbered = new WeakMap();
  }
  const order = policyOrder(nodesOf);
  const members = order.map((id) => numbersOf(nodesOf.get(id) ?? new Set()));
  const huesAt = new Int32Array(idNumbers.size);
  const hues = new Map<string, number>();
  for (let p = 0; p < order.length; p++) {
    const id = order[p] as string;
    const nodes = members[p] as Int32Array;
    let taken = 0;
    for (let i = 0; i < nodes.length; i++) taken |= huesAt[nodes[i] as number] as number;
    const index = policyHueIndex(id, taken);
    hues.set(id, POLICY_HUES[index] ?? 220);
    const bit = 1 << index;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i] as number;
      huesAt[n] = (huesAt[n] as number) | bit;
    }
  }
  // A policy's edges come one after the other: its hue is looked up once per run of them. The
  // list is this build's own (laneEdges'): recoloured in place, not copied (25,000 edges).
  let runOf: string | undefined;
  let runHue: number | undefined;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i] as GraphEdge;
    if (e.data.policyId !== runOf) {
      runOf = e.data.policyId;
      runHue = hues.get(runOf);
    }
    const hue = runHue ?? e.data.hue;
    if (hue !== e.data.hue) edges[i] = recolour(e, hue);
  }
  return edges;
}

const endsByEdges = new WeakMap<readonly GraphEdge[], ReadonlySet<string>>();

/** The nodes some edges meet (remembered for the same list of edges). */
function endsOf(edges: readonly GraphEdge[]): ReadonlySet<string> {
  let ends = endsByEdges.get(edges);
  if (!ends) {
    const set = new Set<string>();
    for (const e of edges) {
      set.add(e.source);
      set.add(e.target);
    }
    endsByEdges.set(edges, (ends = set));
  }
  return ends;
}

/** The nodes a rule peer stands for (null: a rule without peers). */
interface Ends {
  readonly peerIndex: number | null;
  readonly nodes: readonly string[];
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** "pods app=web, tier in (a, b)": the pods a non-empty selector picks, for an edge's label. */
function somePods(sel: LabelSelector | null): string | null {
  if (sel === null || isEmptySelector(sel)) return null;
  const parts = Object.entries(sel.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const r of sel.matchExpressions) {
    if (r.operator === 'Exists') parts.push(`has ${r.key}`);
    else if (r.operator === 'DoesNotExist') parts.push(`no ${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'In' ? 'in' : 'not in'} (${r.values.join(', ')})`);
  }
  return `pods ${displayText(parts.join(', '), 40)}`;
}
