// The matrix as drawn: one line per workload, or one per collapsed namespace whose cells fold
// every workload pair of the two blocks into one verdict. Rows and columns share the lines.
import { CELL, portLabel } from './matrix.ts';
import type { CellState, MatrixData, PortVerdict } from './matrix.ts';

export interface MatrixLine {
  readonly kind: 'workload' | 'group';
  /** Index in `data.groups`. */
  readonly group: number;
  /** Index in `data.workloads` (workload lines). */
  readonly workload: number;
  /** What the header shows: the workload's name, or the namespace with its count. */
  readonly label: string;
  /** What a reader hears and a tooltip says: `shop/web`, `namespace shop (3 workloads)`. */
  readonly title: string;
}

/** A namespace's run of lines, for the band beside the headers. */
export interface GroupSpan {
  readonly group: number;
  readonly namespace: string;
  readonly start: number;
  readonly end: number;
  readonly collapsed: boolean;
}

export interface MatrixLayout {
  readonly data: MatrixData;
  readonly lines: readonly MatrixLine[];
  readonly spans: readonly GroupSpan[];
  /** Row-major lines × lines, a CellState each. */
  readonly cells: Uint8Array;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function layoutMatrix(data: MatrixData, collapsed: ReadonlySet<string>): MatrixLayout {
  const lines: MatrixLine[] = [];
  const spans: GroupSpan[] = [];
  const lineOf = new Int32Array(data.workloads.length);
  data.groups.forEach((g, gi) => {
    const start = lines.length;
    const fold = collapsed.has(g.namespace);
    if (fold) {
      for (let i = g.start; i < g.start + g.count; i++) lineOf[i] = lines.length;
      lines.push({
        kind: 'group',
        group: gi,
        workload: g.start,
        label: `${g.namespace} (${g.count})`,
        title: `namespace ${g.namespace} (${plural(g.count, 'workload')})`,
      });
    } else
      for (let i = g.start; i < g.start + g.count; i++) {
        const w = data.workloads[i];
        lineOf[i] = lines.length;
        lines.push({
          kind: 'workload',
          group: gi,
          workload: i,
          label: w?.name ?? '',
          title: w?.id ?? '',
        });
      }
    spans.push({ group: gi, namespace: g.namespace, start, end: lines.length, collapsed: fold });
  });
  const n = data.workloads.length;
  const size = lines.length;
  if (size === n) return { data, lines, spans, cells: data.cells };
  // Fold: one pass over every workload pair, or-ing what each line pair saw.
  const seen = new Uint8Array(size * size);
  for (let s = 0; s < n; s++) {
    const row = (lineOf[s] ?? 0) * size;
    for (let d = 0; d < n; d++) {
      const at = row + (lineOf[d] ?? 0);
      seen[at] = (seen[at] ?? 0) | (1 << (data.cells[s * n + d] ?? 0));
    }
  }
  const cells = new Uint8Array(size * size);
  for (let i = 0; i < cells.length; i++) cells[i] = foldSeen(seen[i] ?? 0);
  return { data, lines, spans, cells };
}

const bit = (c: CellState): number => 1 << c;

/** The verdict of a block from the verdicts it holds: a pod to itself and unprobed pairs are neutral. */
function foldSeen(seen: number): CellState {
  const a = (seen & bit(CELL.allowed)) !== 0;
  const d = (seen & bit(CELL.denied)) !== 0;
  if ((seen & bit(CELL.some)) !== 0 || (a && d)) return CELL.some;
  if (a) return CELL.allowed;
  if (d) return CELL.denied;
  if ((seen & bit(CELL.none)) !== 0) return CELL.none;
  return CELL.self;
}

export function cellAt(layout: MatrixLayout, row: number, col: number): CellState {
  return (layout.cells[row * layout.lines.length + col] ?? CELL.none) as CellState;
}

/** The workload indexes a line stands for. */
export function membersOf(layout: MatrixLayout, line: MatrixLine): readonly number[] {
  if (line.kind === 'workload') return [line.workload];
  const g = layout.data.groups[line.group];
  return g ? Array.from({ length: g.count }, (_, i) => g.start + i) : [];
}

export interface BlockCounts {
  readonly allowed: number;
  readonly some: number;
  readonly denied: number;
  readonly none: number;
}

/** How many workload pairs of a cell (a block, for a collapsed namespace) have each verdict. */
export function blockCounts(layout: MatrixLayout, row: number, col: number): BlockCounts {
  const r = layout.lines[row];
  const c = layout.lines[col];
  const counts = { allowed: 0, some: 0, denied: 0, none: 0 };
  if (!r || !c) return counts;
  const n = layout.data.workloads.length;
  const cols = membersOf(layout, c);
  for (const s of membersOf(layout, r))
    for (const d of cols) {
      const v = layout.data.cells[s * n + d];
      if (v === CELL.allowed) counts.allowed++;
      else if (v === CELL.some) counts.some++;
      else if (v === CELL.denied) counts.denied++;
      else if (v === CELL.none) counts.none++;
    }
  return counts;
}

const VERDICT_WORDS: Record<CellState, string> = {
  [CELL.allowed]: 'allowed',
  [CELL.denied]: 'denied',
  [CELL.some]: 'some ports allowed',
  [CELL.none]: 'no port to probe',
  [CELL.self]: 'a workload to itself, not probed',
};

export function verdictWords(state: CellState): string {
  return VERDICT_WORDS[state];
}

/**
 * What hovering a cell says: source → destination and the verdict, with the ports probed (or, for
 * a collapsed namespace, how many workload pairs have each verdict).
 */
export function describeCell(
  layout: MatrixLayout,
  row: number,
  col: number,
  verdicts?: readonly PortVerdict[],
): string {
  const r = layout.lines[row];
  const c = layout.lines[col];
  if (!r || !c) return '';
  const state = cellAt(layout, row, col);
  const head = `${r.title} → ${c.title}: ${verdictWords(state)}`;
  if (r.kind === 'workload' && c.kind === 'workload') {
    if (state === CELL.self) return head;
    const ports = layout.data.probes[c.workload] ?? [];
    if (ports.length === 0)
      return `${head} (${c.title} declares no ${portWords(layout)}; filter by a port to probe it)`;
    if (verdicts && verdicts.length === ports.length && state === CELL.some)
      return `${head} (${verdicts.map((v) => `${portLabel(v)} ${v.allowed ? 'allowed' : 'denied'}`).join(', ')})`;
    return `${head} (${ports.map(portLabel).join(', ')})`;
  }
  const k = blockCounts(layout, row, col);
  const parts = [
    k.allowed && `${k.allowed} allowed`,
    k.some && `${k.some} some ports`,
    k.denied && `${k.denied} denied`,
    k.none && `${k.none} not probed`,
  ].filter(Boolean);
  return `${head} (${plural(k.allowed + k.some + k.denied + k.none, 'workload pair')}${parts.length ? `: ${parts.join(', ')}` : ''})`;
}

function portWords(layout: MatrixLayout): string {
  const f = layout.data.filter;
  if (f.port !== undefined) return `port ${f.port}`;
  return f.protocol ? `${f.protocol} port` : 'port';
}
