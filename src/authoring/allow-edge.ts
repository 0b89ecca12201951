// Drawing an allowed edge: the destination's ingress gains a rule for exactly that source and
// those ports (in the policy that already governs it, or a new one), and the source's egress
// gains one only when the source is already isolated for egress (never silently isolated).
import type {
  LabelSelector,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  TextEdit,
  Workload,
} from '../model/types.ts';
import { METADATA_NAME_LABEL } from '../model/types.ts';
import { isEmptySelector, labelsFrom } from '../model/selector.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import {
  appendPolicies,
  exactLabels,
  newPolicy,
  rewritePolicy,
  sameSelector,
  sameValue,
  selectorOf,
  uniqueName,
} from './policy-text.ts';
import type { GestureResult } from './policy-text.ts';
import { policiesSelecting } from '../model/policy-selection.ts';

export type AllowSource =
  | { readonly kind: 'workload'; readonly workload: Workload }
  | { readonly kind: 'namespace'; readonly name: string }
  | ExternalEnd;

export type AllowTarget = { readonly kind: 'workload'; readonly workload: Workload } | ExternalEnd;

/** An external network; `except` carves ranges out of it, as an ipBlock does. */
export interface ExternalEnd {
  readonly kind: 'external';
  readonly cidr: string;
  readonly except?: readonly string[];
}

export interface AllowIntent {
  readonly from: AllowSource;
  readonly to: AllowTarget;
  /** null: any port. */
  readonly ports: readonly PolicyPort[] | null;
  /** Restrict the source's egress to what is allowed, when it is not isolated yet. */
  readonly isolateEgress?: boolean;
  /** With isolateEgress: also allow DNS to kube-system, which isolation would otherwise cut. */
  readonly withDns?: boolean;
}

export interface AllowPreview {
  /** The destination is not isolated for ingress yet: this rule isolates it. */
  readonly destinationBecomesIsolated: boolean;
  /** Flows into the destination allowed now that isolation would deny (when a counter is given). */
  readonly deniedFlowsIfIsolated: number | null;
  /** The source is isolated for egress, so the edge also needs an egress rule. */
  readonly sourceEgressIsolated: boolean;
  /** The source's egress is open; isolateEgress would restrict it (and should offer DNS). */
  readonly sourceEgressOpen: boolean;
}

const nsSelector = (ns: string) => selectorOf({ [METADATA_NAME_LABEL]: ns });

function selecting(ws: ReadResult, w: Workload, side: 'ingress' | 'egress'): NetworkPolicy[] {
  return policiesSelecting(ws.policies, w, side);
}

/** How a policy in `policyNamespace` refers to the other end of the edge. */
function peerFor(ws: ReadResult, end: AllowSource, policyNamespace: string): PolicyPeer {
  if (end.kind === 'external')
    return { kind: 'ipBlock', cidr: end.cidr, except: [...(end.except ?? [])] };
  if (end.kind === 'namespace')
    return { kind: 'selector', podSelector: null, namespaceSelector: nsSelector(end.name) };
  const pods = exactLabels(end.workload, ws.workloads).selector;
  return {
    kind: 'selector',
    podSelector: pods,
    namespaceSelector:
      end.workload.namespace === policyNamespace ? null : nsSelector(end.workload.namespace),
  };
}

/** Adds the peer to a rule with the same ports, or a new rule. */
function withPeer(
  rules: readonly PolicyRule[],
  peer: PolicyPeer,
  ports: readonly PolicyPort[] | null,
): PolicyRule[] {
  const i = rules.findIndex((r) => r.peers !== null && sameValue(r.ports, ports));
  if (i < 0) return [...rules, { peers: [peer], ports }];
  const rule = rules[i] as PolicyRule;
  if (rule.peers?.some((p) => sameValue(p, peer))) return [...rules];
  return rules.map((r, k) => (k === i ? { peers: [...(r.peers ?? []), peer], ports } : r));
}

export const DNS_RULE: PolicyRule = {
  peers: [
    {
      kind: 'selector',
      namespaceSelector: nsSelector('kube-system'),
      podSelector: { matchLabels: labelsFrom([['k8s-app', 'kube-dns']]), matchExpressions: [] },
    },
  ],
  ports: [
    { protocol: 'UDP', port: 53, endPort: null },
    { protocol: 'TCP', port: 53, endPort: null },
  ],
};

export function previewAllowEdge(
  ws: ReadResult,
  intent: AllowIntent,
  countAllowedInto?: (workloadId: string) => number,
): AllowPreview {
  const to = intent.to.kind === 'workload' ? intent.to.workload : null;
  const from = intent.from.kind === 'workload' ? intent.from.workload : null;
  const becomes = to !== null && selecting(ws, to, 'ingress').length === 0;
  const egressIsolated =
    from !== null
      ? selecting(ws, from, 'egress').length > 0
      : intent.from.kind === 'namespace' && namespaceEgressIsolated(ws, intent.from.name);
  return {
    destinationBecomesIsolated: becomes,
    deniedFlowsIfIsolated: becomes && to && countAllowedInto ? countAllowedInto(to.id) : null,
    sourceEgressIsolated: egressIsolated,
    sourceEgressOpen: from !== null && !egressIsolated,
  };
}

/** Whether any pod of the namespace (or every pod, by a namespace-wide policy) is egress-isolated. */
function namespaceEgressIsolated(ws: ReadResult, namespace: string): boolean {
  return (
    namespaceWideEgress(ws, namespace) ||
    ws.workloads.some((w) => w.namespace === namespace && selecting(ws, w, 'egress').length > 0)
  );
}

/** How people read an end of an edge: `namespace app`, `shop/web`, `10.0.0.0/8`. */
export function describeEnd(end: AllowSource | AllowTarget): string {
  if (end.kind === 'namespace') return `namespace ${end.name}`;
  if (end.kind === 'workload') return end.workload.id;
  return end.except && end.except.length > 0
    ? `${end.cidr} except ${end.except.join(', ')}`
    : end.cidr;
}

/** Whether a policy selecting every pod of the namespace isolates their egress. */
function namespaceWideEgress(ws: ReadResult, namespace: string): boolean {
  return ws.policies.some(
    (p) =>
      p.valid &&
      p.namespace === namespace &&
      p.policyTypes.egress &&
      isEmptySelector(p.podSelector),
  );
}

export function addAllowEdge(text: string, ws: ReadResult, intent: AllowIntent): GestureResult {
  const changed = new Map<NetworkPolicy, NetworkPolicy>();
  const created: NetworkPolicy[] = [];
  const notes: string[] = [];
  const current = (p: NetworkPolicy) => changed.get(p) ?? p;

  // Ingress of the destination.
  if (intent.to.kind === 'workload') {
    const to = intent.to.workload;
    const { selector, exact } = exactLabels(to, ws.workloads);
    if (!exact)
      notes.push(`no label set picks out ${to.id} alone; its rule also applies to look-alike pods`);
    const peer = peerFor(ws, intent.from, to.namespace);
    const host = ws.policies.find(
      (p) =>
        p.valid &&
        p.namespace === to.namespace &&
        p.policyTypes.ingress &&
        p.source?.objectPath === '' &&
        sameSelector(p.podSelector, selector),
    );
    if (host) {
      changed.set(host, {
        ...current(host),
        ingress: withPeer(current(host).ingress, peer, intent.ports),
      });
      notes.push(`extended ${host.id}`);
    } else {
      const name = uniqueName(ws, to.namespace, `allow-ingress-to-${to.name}`);
      created.push({
        ...newPolicy(to.namespace, name, selector, { ingress: true, egress: false }),
        ingress: [{ peers: [peer], ports: intent.ports }],
      });
      notes.push(`created ${to.namespace}/${name}`);
    }
  }

  const destination: AllowSource =
    intent.to.kind === 'workload' ? { kind: 'workload', workload: intent.to.workload } : intent.to;
  /** An egress rule to the destination for the pods `selector` picks in `namespace`. */
  const addEgress = (
    namespace: string,
    selector: LabelSelector,
    nameBase: string,
    dns: readonly PolicyRule[],
    canHost: (p: NetworkPolicy) => boolean = () => true,
  ) => {
    const peer = peerFor(ws, destination, namespace);
    const host = ws.policies.find(
      (p) =>
        p.valid &&
        p.namespace === namespace &&
        p.policyTypes.egress &&
        p.source?.objectPath === '' &&
        sameSelector(p.podSelector, selector) &&
        canHost(p),
    );
    if (host) {
      const base = current(host);
      changed.set(host, {
        ...base,
        egress: [...withPeer(base.egress, peer, intent.ports), ...dns],
      });
      notes.push(`extended ${host.id} for egress`);
      return;
    }
    const name = uniqueName(
      ws,
      namespace,
      nameBase,
      created.map((p) => p.name),
    );
    created.push({
      ...newPolicy(namespace, name, selector, { ingress: false, egress: true }),
      egress: [{ peers: [peer], ports: intent.ports }, ...dns],
    });
    notes.push(`created ${namespace}/${name}${dns.length ? ' with DNS egress' : ''}`);
  };

  // Egress of the source: only when it is isolated already, or the user chose to isolate it.
  if (intent.from.kind === 'workload') {
    const from = intent.from.workload;
    const isolated = selecting(ws, from, 'egress').length > 0;
    if (isolated || intent.isolateEgress) {
      const { selector } = exactLabels(from, ws.workloads);
      const dns = !isolated && intent.withDns ? [DNS_RULE] : [];
      addEgress(from.namespace, selector, `allow-egress-from-${from.name}`, dns);
    } else if (intent.to.kind === 'external') {
      notes.push(`${from.id} has open egress: the flow is already allowed`);
    }
  }

  // A namespace as the source: its pods that are isolated for egress need the egress rule too.
  if (intent.from.kind === 'namespace') {
    const ns = intent.from.name;
    if (namespaceWideEgress(ws, ns)) {
      // Every pod (those the text lists and any other) is isolated: one rule for all of them.
      // Never in the default deny itself or its DNS companion, which the toggles recognise.
      addEgress(
        ns,
        selectorOf({}),
        `allow-egress-from-${ns}`,
        [],
        (p) => p.egress.length > 0 && !sameValue(p.egress, [DNS_RULE]),
      );
    } else {
      // Pods isolated one by one: each gets the rule, as drawing from it would.
      for (const w of ws.workloads) {
        if (w.namespace !== ns || selecting(ws, w, 'egress').length === 0) continue;
        addEgress(ns, exactLabels(w, ws.workloads).selector, `allow-egress-from-${w.name}`, []);
      }
    }
  }

  const edits: TextEdit[] = [];
  for (const [before, after] of changed) {
    const edit = rewritePolicy(text, before, after, ws);
    if ('error' in edit) return edit;
    edits.push(edit);
  }
  const append = appendPolicies(text, created);
  if (append) edits.push(append);
  return { edits, summary: notes.join('; ') };
}
