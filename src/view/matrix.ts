// The reachability matrix: every workload × every workload, grouped by namespace, each cell the
// bulk engine's verdict over the probed ports (allowed, denied, some ports, nothing to probe).
// Pure: the worker computes it for large workspaces, the page for small ones.
import { computeReachability, type ReachabilityOptions } from '../engine/reachability.ts';
import { evaluateFlow } from '../engine/evaluate.ts';
import type { EngineIndex } from '../engine/evaluate.ts';
import type { Protocol, Workload } from '../model/types.ts';

/** A cell's verdict. `none`: the destination declares no port to probe; `self`: a pod to itself. */
export const CELL = { none: 0, denied: 1, some: 2, allowed: 3, self: 4 } as const;
export type CellState = (typeof CELL)[keyof typeof CELL];
export type CellStateName = keyof typeof CELL;
export const CELL_NAMES: readonly CellStateName[] = ['none', 'denied', 'some', 'allowed', 'self'];

export interface MatrixFilter {
  /** Probe only this port (a name is resolved on each destination); else each declared port. */
  readonly port?: number | string;
  /** Only this protocol (with a port: the protocol probed, TCP when absent). */
  readonly protocol?: Protocol;
}

export interface MatrixWorkload {
  /** `namespace/name`, the canvas node id. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
}

export interface MatrixPort {
  readonly port: number;
  readonly protocol: Protocol;
}

export interface MatrixGroup {
  readonly namespace: string;
  /** Index of its first workload in `workloads`. */
  readonly start: number;
  readonly count: number;
}

/** Plain data (typed arrays included) so it crosses from the worker by structured clone. */
export interface MatrixData {
  /** Sorted by namespace, then name: each namespace's workloads are contiguous. */
  readonly workloads: readonly MatrixWorkload[];
  readonly groups: readonly MatrixGroup[];
  /** The ports probed toward each destination, by index in `workloads`. */
  readonly probes: readonly (readonly MatrixPort[])[];
  /** Row-major, source × destination, a CellState each. */
  readonly cells: Uint8Array;
  /** Workload pairs per verdict (a pod to itself counted as `self`). */
  readonly counts: Readonly<Record<CellStateName, number>>;
  readonly filter: MatrixFilter;
}

// Natural order, so svc-2 comes before svc-10; fixed locale, so every machine sorts alike.
const collator = new Intl.Collator('en', { numeric: true });
const byText = (a: string, b: string): number =>
  collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/** The matrix over the workloads written in the text (the engine's `computeReachability` pods). */
export function computeMatrix(index: EngineIndex, filter: MatrixFilter = {}): MatrixData {
  const options: ReachabilityOptions = {
    ...(filter.port !== undefined ? { port: filter.port } : {}),
    ...(filter.protocol !== undefined ? { protocol: filter.protocol } : {}),
  };
  const reach = computeReachability(index, options);
  const order = reach.pods
    .map((_, i) => i)
    .sort(
      (a, b) =>
        byText(reach.pods[a]?.namespace ?? '', reach.pods[b]?.namespace ?? '') ||
        byText(reach.pods[a]?.name ?? '', reach.pods[b]?.name ?? ''),
    );
  const n = order.length;
  const workloads = order.map((i) => {
    const w = reach.pods[i];
    return { id: w?.id ?? '', namespace: w?.namespace ?? '', name: w?.name ?? '' };
  });
  const groups: MatrixGroup[] = [];
  workloads.forEach((w, i) => {
    const last = groups[groups.length - 1];
    if (last?.namespace === w.namespace)
      groups[groups.length - 1] = { ...last, count: last.count + 1 };
    else groups.push({ namespace: w.namespace, start: i, count: 1 });
  });
  // Probes whose port name did not resolve on the destination are not flows: leave them out.
  const probeIdx = order.map((i) =>
    (reach.probes[i] ?? []).flatMap((p, k) => (p.port === null ? [] : [k])),
  );
  const probes = order.map((i, d) =>
    (probeIdx[d] ?? []).map((k) => {
      const p = reach.probes[i]?.[k];
      return { port: p?.port ?? 0, protocol: p?.protocol ?? 'TCP' };
    }),
  );
  const cells = new Uint8Array(n * n);
  const counts = { none: 0, denied: 0, some: 0, allowed: 0, self: n };
  for (let s = 0; s < n; s++) {
    const from = order[s] ?? 0;
    for (let d = 0; d < n; d++) {
      if (s === d) {
        cells[s * n + d] = CELL.self;
        continue;
      }
      const to = order[d] ?? 0;
      const ks = probeIdx[d] ?? [];
      let allowed = 0;
      for (const k of ks) if (reach.allowed(from, to, k)) allowed++;
      const state =
        ks.length === 0
          ? CELL.none
          : allowed === 0
            ? CELL.denied
            : allowed === ks.length
              ? CELL.allowed
              : CELL.some;
      cells[s * n + d] = state;
      counts[CELL_NAMES[state] as CellStateName]++;
    }
  }
  return { workloads, groups, probes, cells, counts, filter };
}

export const portLabel = (p: MatrixPort): string => `${p.protocol} ${p.port}`;

export interface PortVerdict extends MatrixPort {
  readonly allowed: boolean;
}

const workloadsById = new WeakMap<EngineIndex, Map<string, Workload>>();

/**
 * The verdict on each probed port of one workload pair, from the per-flow engine: what a hover
 * says about a "some ports" cell. Cheap (one pair), so the page asks it even for large workspaces.
 */
export function cellPorts(
  index: EngineIndex,
  data: MatrixData,
  from: number,
  to: number,
): PortVerdict[] {
  let byId = workloadsById.get(index);
  if (!byId) workloadsById.set(index, (byId = new Map(index.workloads.map((w) => [w.id, w]))));
  const src = byId.get(data.workloads[from]?.id ?? '');
  const dst = byId.get(data.workloads[to]?.id ?? '');
  if (!src || !dst || from === to) return [];
  return (data.probes[to] ?? []).map((p) => ({
    ...p,
    allowed: evaluateFlow(index, {
      from: { kind: 'workload', workload: src },
      to: { kind: 'workload', workload: dst },
      port: p.port,
      protocol: p.protocol,
    }).allowed,
  }));
}

export type FilterParse =
  | { readonly ok: true; readonly filter: MatrixFilter }
  | { readonly ok: false; readonly message: string };

const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * The filter from the port box and the protocol choice. A port is a number 1–65535 or a port
 * name as Kubernetes spells them (IANA_SVC_NAME: at most 15 lowercase letters, digits and
 * dashes, with a letter); empty means each declared port.
 */
export function parseMatrixFilter(portText: string, protocol: Protocol | ''): FilterParse {
  const text = portText.trim();
  const proto = protocol === '' ? {} : { protocol };
  if (text === '') return { ok: true, filter: proto };
  if (/^\d+$/.test(text)) {
    const port = Number(text);
    if (port < 1 || port > 65535)
      return { ok: false, message: 'A port number is between 1 and 65535.' };
    return { ok: true, filter: { port, ...proto } };
  }
  if (text.length > 15 || !PORT_NAME.test(text) || !/[a-z]/.test(text) || text.includes('--'))
    return {
      ok: false,
      message: 'Type a port number (1–65535) or a port name such as http (lowercase, at most 15).',
    };
  return { ok: true, filter: { port: text, ...proto } };
}

/** The filter in words, for headings and announcements. */
export function filterWords(filter: MatrixFilter): string {
  if (filter.port === undefined)
    return filter.protocol ? `each declared ${filter.protocol} port` : 'each declared port';
  return `${filter.protocol ?? 'TCP'} ${filter.port}`;
}
