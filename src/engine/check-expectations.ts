// CI assertions: flows that must be allowed or denied, checked against a workspace. An end
// names workloads (by name, or by labels in a namespace) or an IP address; every pair the ends
// pick out must meet the expectation, and each failing pair carries the engine's explanation.
import type { Labels, Protocol, Workload, Workspace } from '../model/types.ts';
import { matchesSelector } from '../model/selector.ts';
import { buildEngineIndex, evaluateFlow } from './evaluate.ts';
import type { Endpoint } from './evaluate.ts';

export type ExpectedEnd =
  | {
      readonly kind: 'workloads';
      /** `namespace/name`, or a bare `name` (then unique in the workspace, or in `namespace`). */
      readonly name?: string;
      readonly namespace?: string;
      readonly labels?: Labels;
    }
  | { readonly kind: 'ip'; readonly ip: string };

export interface Expectation {
  readonly from: ExpectedEnd;
  readonly to: ExpectedEnd;
  /** A number, or a container port name resolved on each destination. */
  readonly port: number | string;
  readonly protocol: Protocol;
  readonly allowed: boolean;
}

export interface CheckedFlow {
  readonly from: string;
  readonly to: string;
  readonly port: number | null;
  readonly protocol: Protocol;
  readonly allowed: boolean;
  readonly reason: string;
}

export interface ExpectationResult {
  readonly expectation: Expectation;
  readonly passed: boolean;
  /** The pairs that do not meet the expectation (all of them when it fails). */
  readonly failures: readonly CheckedFlow[];
  /** Pairs checked. */
  readonly checked: number;
  /** Why the expectation could not be checked (an end that picks out nothing). */
  readonly problem?: string;
}

type CheckWorkspace = Pick<Workspace, 'namespaces' | 'workloads' | 'policies'> &
  Partial<Pick<Workspace, 'diagnostics'>>;

/** How an end reads in messages: `shop/web`, `pods app=web in shop`, `10.0.0.1`. */
export function endText(end: ExpectedEnd): string {
  if (end.kind === 'ip') return end.ip;
  const labels = end.labels
    ? Object.entries(end.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    : '';
  const name = end.name ?? '';
  const ns = end.namespace ? ` in ${end.namespace}` : '';
  if (name && !labels)
    return name.includes('/') ? name : `${end.namespace ? `${end.namespace}/` : ''}${name}`;
  return `${name ? `${name} ` : ''}pods ${labels || 'all'}${name.includes('/') ? '' : ns}`;
}

function resolveEnd(
  end: ExpectedEnd,
  workloads: readonly Workload[],
): { endpoints: Endpoint[]; problem?: string } {
  if (end.kind === 'ip') return { endpoints: [{ kind: 'external', ip: end.ip }] };
  const qualified = end.name?.includes('/') ? end.name.split('/', 2) : null;
  const ns = qualified ? qualified[0] : end.namespace;
  const name = qualified ? qualified[1] : end.name;
  const labels = end.labels;
  const picked = workloads.filter(
    (w) =>
      (ns === undefined || w.namespace === ns) &&
      (name === undefined || w.name === name) &&
      (labels === undefined ||
        matchesSelector(w.labels, { matchLabels: labels, matchExpressions: [] })),
  );
  if (picked.length === 0)
    return { endpoints: [], problem: `${endText(end)} matches no workload in the workspace` };
  if (name !== undefined && labels === undefined && ns === undefined && picked.length > 1)
    return {
      endpoints: [],
      problem: `${name} names ${picked.length} workloads (${picked.map((w) => w.id).join(', ')}): write namespace/name`,
    };
  return { endpoints: picked.map((workload) => ({ kind: 'workload', workload })) };
}

const idOf = (e: Endpoint) => (e.kind === 'workload' ? e.workload.id : e.ip);

export function checkExpectations(
  ws: CheckWorkspace,
  expectations: readonly Expectation[],
): ExpectationResult[] {
  const index = buildEngineIndex(ws);
  const workloads = ws.workloads.filter((w) => !w.inferred);
  return expectations.map((expectation) => {
    const from = resolveEnd(expectation.from, workloads);
    const to = resolveEnd(expectation.to, workloads);
    const problem = from.problem ?? to.problem;
    if (problem !== undefined)
      return { expectation, passed: false, failures: [], checked: 0, problem };
    const failures: CheckedFlow[] = [];
    let checked = 0;
    for (const a of from.endpoints) {
      for (const b of to.endpoints) {
        // A set of pods "to itself" is about its members reaching each other, not themselves.
        if (idOf(a) === idOf(b) && (from.endpoints.length > 1 || to.endpoints.length > 1)) continue;
        checked++;
        const v = evaluateFlow(index, {
          from: a,
          to: b,
          port: expectation.port,
          protocol: expectation.protocol,
        });
        if (v.allowed !== expectation.allowed)
          failures.push({
            from: idOf(a),
            to: idOf(b),
            port: v.port,
            protocol: v.protocol,
            allowed: v.allowed,
            reason: v.reason,
          });
      }
    }
    return { expectation, passed: failures.length === 0, failures, checked };
  });
}
