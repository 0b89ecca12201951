// The coverage summary beside the matrix: per namespace, whether a default deny closes each
// direction, how many workloads a policy isolates, rules that admit everything and lint findings,
// folded into a score whose every point says what earned it and what would earn the rest.
import type { LintFinding } from '../engine/lint/types.ts';
import type { Severity } from '../model/types.ts';
import type { Graph, Isolation } from './graph-types.ts';

export interface ScorePoint {
  /** Stable, for keys and tests. */
  readonly id:
    | 'default-deny-ingress'
    | 'default-deny-egress'
    | 'isolated-ingress'
    | 'isolated-egress'
    | 'allow-all'
    | 'lint';
  readonly earned: number;
  readonly max: number;
  /** What earned the points (or did not), in words. */
  readonly why: string;
  /** What would earn the missing points; absent when none are missing. */
  readonly action?: string;
}

export interface NamespaceCoverage {
  readonly namespace: string;
  /** Workloads written in the text (inferred ones are guesses and are not counted). */
  readonly workloads: number;
  readonly defaultDeny: Isolation;
  /** Workloads some policy isolates, per direction. */
  readonly isolated: { readonly ingress: number; readonly egress: number };
  /** Names of workloads no policy isolates for ingress (first few, for the advice). */
  readonly openIngress: readonly string[];
  /** Rules (or peers) of this namespace's policies that admit every peer. */
  readonly allowAll: number;
  /** Lint findings about this namespace's policies and workloads; null without lint. */
  readonly lint: Readonly<Record<Severity, number>> | null;
  readonly score: number;
  readonly points: readonly ScorePoint[];
}

export interface Coverage {
  readonly namespaces: readonly NamespaceCoverage[];
  /** Workload-weighted mean of the namespace scores (0–100). */
  readonly score: number;
  readonly workloads: number;
  readonly lint: Readonly<Record<Severity, number>> | null;
}

/** Points per item: closing a direction by default weighs most, then isolating what is there. */
export const SCORE_WEIGHTS = {
  'default-deny-ingress': 25,
  'default-deny-egress': 20,
  'isolated-ingress': 20,
  'isolated-egress': 15,
  'allow-all': 10,
  lint: 10,
} as const;

/** Rules already scored on their own: lint's coverage facts and allow-all rules. */
const SCORED_ELSEWHERE = new Set([
  'namespace-without-default-deny',
  'workload-not-selected',
  'allow-all',
]);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const list = (names: readonly string[], total: number): string =>
  names.join(', ') + (total > names.length ? ` and ${total - names.length} more` : '');

function namespaceOfFinding(f: LintFinding): string | undefined {
  const id = f.policy ?? f.workloads?.[0];
  return id?.includes('/') ? id.slice(0, id.indexOf('/')) : undefined;
}

/**
 * Coverage of each namespace that holds workloads, from the canvas graph (the default-deny and
 * isolation facts the canvas shows) and, when given, lint's findings.
 */
export function coverageOf(graph: Graph, findings: readonly LintFinding[] | null): Coverage {
  interface Acc {
    defaultDeny: Isolation;
    workloads: number;
    ingress: number;
    egress: number;
    open: string[];
    openCount: number;
    openEgress: number;
    allowAll: number;
    serious: number;
    lint: Record<Severity, number>;
  }
  const acc = new Map<string, Acc>();
  const at = (ns: string): Acc => {
    let a = acc.get(ns);
    if (!a)
      acc.set(
        ns,
        (a = {
          defaultDeny: { ingress: false, egress: false },
          workloads: 0,
          ingress: 0,
          egress: 0,
          open: [],
          openCount: 0,
          openEgress: 0,
          allowAll: 0,
          serious: 0,
          lint: { error: 0, warning: 0, info: 0 },
        }),
      );
    return a;
  };
  for (const n of graph.nodes) {
    if (n.data.kind === 'namespace') at(n.data.name).defaultDeny = n.data.defaultDeny;
    if (n.data.kind !== 'workload' || n.data.workload.inferred) continue;
    const a = at(n.data.workload.namespace);
    a.workloads++;
    if (n.data.isolation.ingress) a.ingress++;
    else {
      a.openCount++;
      if (a.open.length < 3) a.open.push(n.data.workload.name);
    }
    if (n.data.isolation.egress) a.egress++;
    else a.openEgress++;
  }
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings ?? []) {
    totals[f.severity]++;
    const ns = namespaceOfFinding(f);
    const a = ns === undefined ? undefined : acc.get(ns);
    if (!a) continue;
    if (f.rule === 'allow-all') a.allowAll++;
    else if (f.severity !== 'info' && !SCORED_ELSEWHERE.has(f.rule)) a.serious++;
    a.lint[f.severity]++;
  }
  const namespaces: NamespaceCoverage[] = [];
  for (const [namespace, a] of acc) {
    if (a.workloads === 0) continue;
    const points = scorePoints(namespace, a, findings !== null);
    const earned = points.reduce((s, p) => s + p.earned, 0);
    const max = points.reduce((s, p) => s + p.max, 0);
    namespaces.push({
      namespace,
      workloads: a.workloads,
      defaultDeny: a.defaultDeny,
      isolated: { ingress: a.ingress, egress: a.egress },
      openIngress: a.open,
      allowAll: a.allowAll,
      lint: findings === null ? null : a.lint,
      score: max === 0 ? 0 : Math.round((100 * earned) / max),
      points,
    });
  }
  namespaces.sort((x, y) => x.score - y.score || (x.namespace < y.namespace ? -1 : 1));
  const workloads = namespaces.reduce((s, n) => s + n.workloads, 0);
  const score =
    workloads === 0
      ? 0
      : Math.round(namespaces.reduce((s, n) => s + n.score * n.workloads, 0) / workloads);
  return { namespaces, score, workloads, lint: findings === null ? null : totals };

  function scorePoints(ns: string, a: Acc, withLint: boolean): ScorePoint[] {
    const w = SCORE_WEIGHTS;
    const share = (k: number, max: number) => Math.round((max * k) / a.workloads);
    const points: ScorePoint[] = [
      a.defaultDeny.ingress
        ? {
            id: 'default-deny-ingress',
            earned: w['default-deny-ingress'],
            max: w['default-deny-ingress'],
            why: `A default deny closes ${ns} to incoming traffic: a pod added later is closed until a rule admits a peer.`,
          }
        : {
            id: 'default-deny-ingress',
            earned: 0,
            max: w['default-deny-ingress'],
            why: `No default deny for ingress: a pod added to ${ns} later accepts traffic from anywhere.`,
            action: `Add a policy selecting every pod of ${ns} with policyTypes [Ingress] and no rules (the ingress toggle on the namespace does it).`,
          },
      a.defaultDeny.egress
        ? {
            id: 'default-deny-egress',
            earned: w['default-deny-egress'],
            max: w['default-deny-egress'],
            why: `A default deny closes ${ns} to outgoing traffic.`,
          }
        : {
            id: 'default-deny-egress',
            earned: 0,
            max: w['default-deny-egress'],
            why: `No default deny for egress: pods in ${ns} may connect anywhere, including out of the cluster.`,
            action: `Add a default deny for egress to ${ns}, with a rule that keeps DNS (the egress toggle on the namespace offers it).`,
          },
      {
        id: 'isolated-ingress',
        earned: share(a.ingress, w['isolated-ingress']),
        max: w['isolated-ingress'],
        why: `Isolated for ingress (selected by a policy for Ingress): ${a.ingress} of ${plural(a.workloads, 'workload')}.`,
        ...(a.openCount > 0
          ? {
              action: `Select ${list(a.open, a.openCount)} with an ingress policy that admits only the peers ${a.openCount === 1 ? 'it needs' : 'they need'}.`,
            }
          : {}),
      },
      {
        id: 'isolated-egress',
        earned: share(a.egress, w['isolated-egress']),
        max: w['isolated-egress'],
        why: `Isolated for egress (selected by a policy for Egress): ${a.egress} of ${plural(a.workloads, 'workload')}.`,
        ...(a.openEgress > 0
          ? {
              action: `Isolate the remaining ${plural(a.openEgress, 'workload')} for egress (a default deny for egress does it for the whole namespace).`,
            }
          : {}),
      },
    ];
    if (withLint) {
      points.push(
        a.allowAll === 0
          ? {
              id: 'allow-all',
              earned: w['allow-all'],
              max: w['allow-all'],
              why: `No rule in ${ns} admits every peer.`,
            }
          : {
              id: 'allow-all',
              earned: 0,
              max: w['allow-all'],
              why: `${plural(a.allowAll, 'rule or peer')} in ${ns}'s policies ${a.allowAll === 1 ? 'admits' : 'admit'} every peer (no peers, {} selectors or 0.0.0.0/0).`,
              action:
                'Name the peers that need the traffic instead (see the allow-all findings in Problems).',
            },
      );
      const serious = a.serious;
      points.push(
        serious === 0
          ? {
              id: 'lint',
              earned: w.lint,
              max: w.lint,
              why: `Lint finds no error or warning in ${ns} beyond those scored above.`,
            }
          : {
              id: 'lint',
              earned: serious === 1 ? w.lint / 2 : 0,
              max: w.lint,
              why: `Lint finds ${plural(serious, 'error or warning')} in ${ns} (missing DNS, half-open flows, selectors that match nothing…).`,
              action: 'Fix the findings listed under Problems; many have a one-click fix.',
            },
      );
    }
    return points;
  }
}
