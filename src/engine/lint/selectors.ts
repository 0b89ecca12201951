// Selectors that select nothing, and peers written as two (OR) where one (AND) was likely meant.
// "Nothing" is judged against the workspace only when it declares namespaces or workloads.
import type { LabelSelector, NetworkPolicy, PolicyPeer, Workload } from '../../model/types.ts';
import { METADATA_NAME_LABEL } from '../../model/types.ts';
import { isEmptySelector, labelsFrom, matchesSelector } from '../../model/selector.ts';
import { selectorText } from '../../model/infer-workloads.ts';
import { listIds, peersKey } from './context.ts';
import type { LintContext } from './context.ts';

type Direction = 'ingress' | 'egress';

const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease', 'default'];

function forEachPeer(
  ctx: LintContext,
  fn: (
    p: NetworkPolicy,
    d: Direction,
    ruleIndex: number,
    peerIndex: number,
    peer: PolicyPeer,
  ) => void,
): void {
  for (const p of ctx.policies)
    for (const d of ['ingress', 'egress'] as const)
      p[d].forEach((rule, i) => rule.peers?.forEach((peer, j) => fn(p, d, i, j, peer)));
}

const peerPath = (d: Direction, i: number, j: number) => `spec.${d}[${i}].${peersKey(d)}[${j}]`;

function selectorWith(s: LabelSelector, key: string, value: string, drop?: string): LabelSelector {
  const entries = Object.entries(s.matchLabels).filter(([k]) => k !== drop && k !== key);
  return {
    matchLabels: labelsFrom([...entries, [key, value]]),
    matchExpressions: s.matchExpressions,
  };
}

export function lintNamespaceSelectors(ctx: LintContext): void {
  if (!ctx.knowsCluster) return;
  forEachPeer(ctx, (p, d, i, j, peer) => {
    if (peer.kind !== 'selector' || peer.namespaceSelector === null) return;
    if (isEmptySelector(peer.namespaceSelector)) return;
    if (ctx.namespacesMatching(p, peer).length > 0) return;
    const sel = peer.namespaceSelector;
    // Every cluster has these, in the workspace or not (DNS lives in kube-system).
    if (
      SYSTEM_NAMESPACES.some((name) =>
        matchesSelector(labelsFrom([[METADATA_NAME_LABEL, name]]), sel),
      )
    )
      return;
    // A value that names a namespace of the workspace: the automatic name label selects it.
    const named = Object.values(sel.matchLabels).find((v) => ctx.index.namespaceLabels.has(v));
    const suggestion =
      named !== undefined
        ? ` To select namespace ${named}, use its automatic label ${METADATA_NAME_LABEL}: ${named} (or add the label to the Namespace).`
        : ` Every namespace carries the automatic label ${METADATA_NAME_LABEL}: <name>.`;
    const undeclared = ctx.ws.namespaces.filter((n) => n.inferred).map((n) => n.name);
    ctx.report('namespace-selector-matches-nothing', {
      severity: 'warning',
      message: `namespaceSelector ${selectorText(sel)} matches no namespace in the workspace, so this peer admits nothing.${suggestion}${undeclared.length > 0 ? ` (Namespaces without a Namespace object, ${listIds(undeclared)}, are read with only their name label.)` : ''}`,
      at: { policy: p, path: `${peerPath(d, i, j)}.namespaceSelector` },
      ...(named !== undefined
        ? {
            fix: {
              title: `Select namespace ${named} by ${METADATA_NAME_LABEL}`,
              intent: {
                kind: 'replace-peers',
                policy: p.id,
                direction: d,
                ruleIndex: i,
                peerIndexes: [j],
                peers: [
                  {
                    ...peer,
                    namespaceSelector: {
                      matchLabels: labelsFrom([[METADATA_NAME_LABEL, named]]),
                      matchExpressions: [],
                    },
                  },
                ],
              },
            },
          }
        : {}),
    });
  });
}

/** A one-key repair of a selector that would select some of `pods`: a mistyped key or value. */
function nearMiss(
  sel: LabelSelector,
  pods: readonly Workload[],
): { selector: LabelSelector; label: string; pods: Workload[] } | null {
  for (const [key, value] of Object.entries(sel.matchLabels)) {
    for (const w of pods) {
      for (const [k2, v2] of Object.entries(w.labels)) {
        const candidate =
          v2 === value && k2 !== key && close(k2, key)
            ? selectorWith(sel, k2, v2, key)
            : k2 === key && v2 !== value && close(v2, value)
              ? selectorWith(sel, k2, v2)
              : null;
        if (!candidate) continue;
        const hits = pods.filter((x) => matchesSelector(x.labels, candidate));
        if (hits.length > 0) return { selector: candidate, label: `${k2}=${v2}`, pods: hits };
      }
    }
  }
  return null;
}

/** Edit distance at most 2 (typos: `apps` for `app`, `fronted` for `frontend`). */
function close(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let x = 1; x <= a.length; x++) {
    const row = [x];
    for (let y = 1; y <= b.length; y++)
      row[y] = Math.min(
        (prev[y] ?? 0) + 1,
        (row[y - 1] ?? 0) + 1,
        (prev[y - 1] ?? 0) + (a[x - 1] === b[y - 1] ? 0 : 1),
      );
    prev = row;
  }
  return (prev[b.length] ?? 99) <= 2;
}

export function lintPodSelectors(ctx: LintContext): void {
  if (ctx.workloads.length === 0) return;
  forEachPeer(ctx, (p, d, i, j, peer) => {
    if (peer.kind !== 'selector' || peer.podSelector === null) return;
    if (isEmptySelector(peer.podSelector)) return;
    const namespaces = ctx.namespacesMatching(p, peer);
    const pods = ctx.workloadsOf(namespaces);
    // Nothing to judge by: the workspace does not show the pods of those namespaces.
    if (pods.length === 0) return;
    if (ctx.peerWorkloads(p, peer).length > 0) return;
    const sel = peer.podSelector;
    const near = nearMiss(sel, pods);
    const where =
      peer.namespaceSelector === null
        ? `namespace ${p.namespace}`
        : `namespaces ${listIds(namespaces)}`;
    ctx.report('pod-selector-matches-nothing', {
      severity: 'warning',
      message: `podSelector ${selectorText(sel)} matches no pod in ${where}, so this peer admits nothing${near ? `; did you mean ${near.label} (${listIds(near.pods.map((w) => w.id))})?` : ''}`,
      at: { policy: p, path: `${peerPath(d, i, j)}.podSelector` },
      ...(near
        ? {
            fix: {
              title: `Select ${near.label}`,
              intent: {
                kind: 'replace-peers',
                policy: p.id,
                direction: d,
                ruleIndex: i,
                peerIndexes: [j],
                peers: [{ ...peer, podSelector: near.selector }],
              },
            },
          }
        : {}),
    });
  });
}

export function lintPolicySelection(ctx: LintContext): void {
  if (ctx.workloads.length === 0) return;
  for (const p of ctx.policies) {
    if (ctx.selectedBy(p).length > 0) continue;
    const here = ctx.workloads.filter((w) => w.namespace === p.namespace);
    const elsewhere = ctx.workloads.filter(
      (w) => w.namespace !== p.namespace && matchesSelector(w.labels, p.podSelector),
    );
    if (here.length === 0 && (elsewhere.length === 0 || isEmptySelector(p.podSelector))) continue;
    const near = here.length > 0 ? nearMiss(p.podSelector, here) : null;
    const message =
      here.length === 0
        ? `${p.id} selects no pod: namespace ${p.namespace} has none in the workspace, and a NetworkPolicy applies only in its own namespace. The pods it would select, ${listIds(elsewhere.map((w) => w.id))}, are in ${listIds([...new Set(elsewhere.map((w) => w.namespace))])}: move the policy to that namespace`
        : `${p.id} selects no pod in namespace ${p.namespace} (podSelector ${selectorText(p.podSelector)}), so it has no effect${near ? `; did you mean ${near.label} (${listIds(near.pods.map((w) => w.id))})?` : elsewhere.length > 0 ? `; the pods it would select are in ${listIds([...new Set(elsewhere.map((w) => w.namespace))])}` : ''}`;
    ctx.report('policy-selects-nothing', {
      severity: 'warning',
      message,
      at: { policy: p, path: here.length === 0 ? 'metadata.namespace' : 'spec.podSelector' },
    });
  }
}

export function lintOrMaybeAnd(ctx: LintContext): void {
  for (const p of ctx.policies) {
    for (const d of ['ingress', 'egress'] as const) {
      p[d].forEach((rule, i) => {
        const peers = rule.peers ?? [];
        const nsOnly = peers.findIndex(
          (x) => x.kind === 'selector' && x.podSelector === null && x.namespaceSelector !== null,
        );
        const podOnly = peers.findIndex(
          (x) => x.kind === 'selector' && x.namespaceSelector === null && x.podSelector !== null,
        );
        if (nsOnly < 0 || podOnly < 0) return;
        const ns = peers[nsOnly] as Extract<PolicyPeer, { kind: 'selector' }>;
        const pod = peers[podOnly] as Extract<PolicyPeer, { kind: 'selector' }>;
        const nsText = selectorText(ns.namespaceSelector as LabelSelector);
        const podText = selectorText(pod.podSelector as LabelSelector);
        const key = peersKey(d);
        ctx.report('peers-or-maybe-and', {
          severity: 'info',
          message: `${key}[${Math.min(nsOnly, podOnly)}] and ${key}[${Math.max(nsOnly, podOnly)}] are two peers (two dashes), read as OR: every pod of the namespaces ${nsText}, or pods ${podText} of ${p.namespace}. If you meant pods ${podText} in the namespaces ${nsText} (AND), write both selectors in one peer (one dash)`,
          at: { policy: p, path: `spec.${d}[${i}].${key}[${nsOnly}]` },
          fix: {
            title: `Combine into one peer: pods ${podText} in namespaces ${nsText} (AND)`,
            intent: {
              kind: 'replace-peers',
              policy: p.id,
              direction: d,
              ruleIndex: i,
              peerIndexes: [nsOnly, podOnly],
              peers: [
                {
                  kind: 'selector',
                  namespaceSelector: ns.namespaceSelector,
                  podSelector: pod.podSelector,
                },
              ],
            },
          },
        });
      });
    }
  }
}
