// Policy-only YAML still has a shape: the pods and namespaces its selectors name. This infers them
// (marked `inferred`) so the canvas can draw them; real objects always win over inference.
import type {
  ContainerPort,
  LabelSelector,
  Labels,
  Namespace,
  NetworkPolicy,
  Protocol,
  Workload,
  Workspace,
} from './types.ts';
import { METADATA_NAME_LABEL } from './types.ts';
import { isEmptySelector, labelsFrom, matchesSelector, selectorKey } from './selector.ts';

export interface Inferred {
  readonly namespaces: readonly Namespace[];
  readonly workloads: readonly Workload[];
}

/** `tier=web,app=shop`, `tier in (a,b)`, `!legacy`: a short, stable text for a selector. */
export function selectorText(s: LabelSelector): string {
  const parts = Object.keys(s.matchLabels).map((k) => `${k}=${s.matchLabels[k] ?? ''}`);
  for (const r of s.matchExpressions) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${r.values.join(',')})`);
  }
  return parts.length === 0 ? 'all pods' : parts.join(',');
}

/** Labels that satisfy a selector, or null when none can (e.g. `a=1` with `a NotIn (1)`). */
export function labelsSatisfying(s: LabelSelector): Labels | null {
  const entries = new Map<string, string>(Object.entries(s.matchLabels));
  // Per key, a value every In of it lists and no NotIn does; a key that must only exist gets one
  // no NotIn rules out. (Taking the first requirement met gave `app` Exists with `app in (x)` the
  // value '', which the In then refused.)
  const keys = new Set(
    s.matchExpressions
      .filter((r) => r.operator === 'In' || r.operator === 'Exists')
      .map((r) => r.key),
  );
  for (const key of keys) {
    if (entries.has(key)) continue;
    const on = s.matchExpressions.filter((r) => r.key === key);
    const barred = new Set(on.flatMap((r) => (r.operator === 'NotIn' ? r.values : [])));
    const lists = on.filter((r) => r.operator === 'In').map((r) => r.values);
    const options = lists.length > 0 ? (lists[0] ?? []) : ['', 'x', 'y', 'z'];
    const value = options.find((v) => !barred.has(v) && lists.every((l) => l.includes(v)));
    if (value !== undefined) entries.set(key, value);
  }
  const labels = labelsFrom(entries);
  return matchesSelector(labels, s) ? labels : null;
}

/** The namespace a namespaceSelector pins by name (`kubernetes.io/metadata.name`), if it does. */
function pinnedName(s: LabelSelector): string | undefined {
  const exact = s.matchLabels[METADATA_NAME_LABEL];
  if (exact !== undefined) return exact;
  const inOne = s.matchExpressions.find(
    (r) => r.key === METADATA_NAME_LABEL && r.operator === 'In' && r.values.length === 1,
  );
  return inOne?.values[0];
}

interface Candidate {
  readonly namespaces: readonly string[];
  readonly selector: LabelSelector;
}

/** Infers the workloads and namespaces the policies imply but the text does not contain. */
export function inferWorkloads(
  ws: Pick<Workspace, 'namespaces' | 'workloads' | 'policies'>,
): Inferred {
  const namespaces = new Map<string, Namespace>(ws.namespaces.map((n) => [n.name, n]));
  const newNamespaces: Namespace[] = [];
  const inferred: Workload[] = [];
  const real = ws.workloads.filter((w) => !w.inferred);
  // A rejected policy is never enforced: what it names is no evidence of a pod, nor of a port.
  const policies = ws.policies.filter((p) => p.valid);

  // The namespaces a selector matches, by policy namespace and selector, while no namespace is
  // added: hundreds of policies repeat a few selectors, and each answer scanned every namespace.
  const matchedBy = new Map<string, string[]>();
  let namespacesAdded = 0;
  const namespacesFor = (policy: NetworkPolicy, nsSel: LabelSelector | null): string[] => {
    if (nsSel === null) return [policy.namespace];
    const pinned = pinnedName(nsSel);
    if (pinned !== undefined) {
      if (!namespaces.has(pinned))
        addNamespace(pinned, labelsFrom([[METADATA_NAME_LABEL, pinned]]));
      const ns = namespaces.get(pinned);
      return ns && matchesSelector(ns.labels, nsSel) ? [pinned] : [];
    }
    const selKey = `${namespacesAdded}\u0000${selectorKey(nsSel)}`;
    const key = `${policy.namespace}\u0000${selKey}`;
    const known = matchedBy.get(key);
    if (known) return known;
    // Matched once per selector; each policy namespace only reorders the answer.
    let all = matchedBy.get(selKey);
    if (!all)
      matchedBy.set(
        selKey,
        (all = [...namespaces.values()]
          .filter((n) => matchesSelector(n.labels, nsSel))
          .map((n) => n.name)),
      );
    // The policy's own namespace first: an all-namespaces peer is most often a neighbour. (A
    // list without it is shared as it is: at 5,000 workloads, copying and sorting a hundred names
    // per policy namespace was a third of a megabyte at each keystroke.)
    const own = all.indexOf(policy.namespace);
    const matched =
      own <= 0 ? all : [policy.namespace, ...all.slice(0, own), ...all.slice(own + 1)];
    if (matched.length > 0) {
      matchedBy.set(key, matched);
      return matched;
    }
    const labels = labelsSatisfying(nsSel);
    if (!labels) return [];
    const name = selectorText(nsSel);
    addNamespace(name, labelsFrom([...Object.entries(labels), [METADATA_NAME_LABEL, name]]));
    return [name];
  };

  function addNamespace(name: string, labels: Labels): void {
    const ns: Namespace = { name, labels, inferred: true };
    namespaces.set(name, ns);
    newNamespaces.push(ns);
    namespacesAdded++;
  }

  // A short key for a list of namespaces: lists of many come from \`matchedBy\` and repeat as the
  // same array (a list seen again under another key is only considered again: harmless).
  const listIds = new Map<readonly string[], number>();
  const listKey = (list: readonly string[]): string => {
    if (list.length === 1) return `=${list[0] ?? ''}`;
    let id = listIds.get(list);
    if (id === undefined) listIds.set(list, (id = listIds.size));
    return `#${id}`;
  };

  // Workloads real and inferred by namespace: a candidate looks only in its namespaces (5,000
  // workloads and a few thousand peers made the scan of every workload ~0.2 s of a paste).
  const byNamespace = new Map<string, Workload[]>();
  const file = (w: Workload) => {
    const list = byNamespace.get(w.namespace);
    if (list) list.push(w);
    else byNamespace.set(w.namespace, [w]);
  };
  for (const w of real) file(w);
  // Considering a candidate again changes nothing: what it found is still there, and what it
  // added now answers it.
  const considered = new Set<string>();

  const consider = (c: Candidate): void => {
    if (isEmptySelector(c.selector) || c.namespaces.length === 0) return;
    const key = `${listKey(c.namespaces)}\u0000${selectorKey(c.selector)}`;
    if (considered.has(key)) return;
    considered.add(key);
    for (const ns of c.namespaces)
      for (const w of byNamespace.get(ns) ?? []) if (matchesSelector(w.labels, c.selector)) return;
    const labels = labelsSatisfying(c.selector);
    const namespace = c.namespaces[0];
    if (!labels || namespace === undefined) return;
    const name = selectorText(c.selector);
    const workload: Workload = {
      id: `${namespace}/${name}`,
      kind: 'Pod',
      name,
      namespace,
      namespaceAssumed: false,
      labels,
      ports: [],
      ips: [],
      inferred: true,
    };
    inferred.push(workload);
    file(workload);
  };

  // What policies select first, so inferred pods are named the way their own policies name them.
  for (const p of policies) consider({ namespaces: [p.namespace], selector: p.podSelector });
  for (const p of policies) {
    for (const rule of [...p.ingress, ...p.egress]) {
      for (const peer of rule.peers ?? []) {
        if (peer.kind !== 'selector') continue;
        const nsList = namespacesFor(p, peer.namespaceSelector);
        if (peer.podSelector) consider({ namespaces: nsList, selector: peer.podSelector });
      }
    }
  }
  const workloads = inferred.map((w) => ({
    ...w,
    ports: impliedPorts(w, policies, namespaces),
  }));
  return { namespaces: newNamespaces, workloads };
}

/**
 * Numeric ports that rules open toward an inferred pod: the best guess at what it listens on. Only
 * ports a container could declare (1-65535) count.
 */
function impliedPorts(
  w: Workload,
  policies: readonly NetworkPolicy[],
  namespaces: ReadonlyMap<string, Namespace>,
): ContainerPort[] {
  const seen = new Map<string, ContainerPort>();
  const add = (port: number | string | null, protocol: Protocol) => {
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return;
    seen.set(`${protocol}/${port}`, { port, protocol });
  };
  const nsLabels = namespaces.get(w.namespace)?.labels ?? labelsFrom([]);
  for (const p of policies) {
    if (p.namespace === w.namespace && matchesSelector(w.labels, p.podSelector)) {
      for (const r of p.ingress) for (const port of r.ports ?? []) add(port.port, port.protocol);
    }
    for (const r of p.egress) {
      const reaches = (r.peers ?? []).some(
        (peer) =>
          peer.kind === 'selector' &&
          (peer.namespaceSelector === null
            ? p.namespace === w.namespace
            : matchesSelector(nsLabels, peer.namespaceSelector)) &&
          peer.podSelector !== null &&
          !isEmptySelector(peer.podSelector) &&
          matchesSelector(w.labels, peer.podSelector),
      );
      if (reaches) for (const port of r.ports ?? []) add(port.port, port.protocol);
    }
  }
  return [...seen.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

/** The workspace with inferred namespaces and workloads added after the real ones. */
export function withInferred<W extends Pick<Workspace, 'namespaces' | 'workloads' | 'policies'>>(
  ws: W,
): W & { readonly inferredCount: number } {
  const inf = inferWorkloads(ws);
  return {
    ...ws,
    namespaces: [...ws.namespaces, ...inf.namespaces],
    workloads: [...ws.workloads, ...inf.workloads],
    inferredCount: inf.workloads.length,
  };
}
