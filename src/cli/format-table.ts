// A matrix of who may reach whom, for people in a terminal; large workspaces get a list instead.
import type { Workspace } from '../model/types.ts';
import { displayText } from '../model/display-text.ts';
import { podsOf } from './analyze.ts';
import type { AnalyzeOptions, FlowRecord } from './analyze.ts';

const MATRIX_LIMIT = 30;
const NAME_WIDTH = 28;

/** Shortens for display and shows control, invisible and bidi characters as escapes. */
export function displayName(s: string, width = NAME_WIDTH): string {
  return displayText(s, width);
}

function probeLabel(options: AnalyzeOptions): string {
  const proto = options.protocol ?? (options.port === null ? 'any protocol' : 'TCP');
  return options.port === null
    ? `each port the destination declares (${proto})`
    : `port ${String(options.port)}/${proto}`;
}

export function formatTable(
  ws: Workspace,
  flows: readonly FlowRecord[],
  options: AnalyzeOptions,
): string {
  const pods = podsOf(ws);
  const allowed = flows.filter((f) => f.allowed).length;
  const lines: string[] = [];
  lines.push(`Reachability at ${probeLabel(options)}: ${allowed} of ${flows.length} flows allowed`);
  if (pods.length === 0) {
    lines.push('No pods or workloads in the input: nothing to analyse.');
    return `${lines.join('\n')}\n`;
  }

  if (pods.length > MATRIX_LIMIT) {
    lines.push('', 'Allowed flows:');
    for (const f of flows)
      if (f.allowed) lines.push(`  ${f.from} → ${f.to}  ${String(f.port)}/${f.protocol}`);
    if (allowed === 0) lines.push('  (none)');
    return `${lines.join('\n')}\n`;
  }

  // cell[from][to]: every probe allowed, some, none, or no probe at all.
  const byPair = new Map<string, { allowed: number; total: number }>();
  for (const f of flows) {
    const key = `${f.from}\u0000${f.to}`;
    const cell = byPair.get(key) ?? { allowed: 0, total: 0 };
    cell.total++;
    if (f.allowed) cell.allowed++;
    byPair.set(key, cell);
  }
  const numWidth = String(pods.length).length;
  const colWidth = Math.max(2, numWidth + 1);
  const header =
    ' '.repeat(numWidth + 2 + NAME_WIDTH + 1) +
    pods.map((_, i) => String(i + 1).padStart(colWidth)).join('');
  lines.push('', `rows: from, columns: to`, header);
  pods.forEach((from, i) => {
    const cells = pods.map((to) => {
      const cell = byPair.get(`${from.id}\u0000${to.id}`);
      const mark = !cell
        ? from === to
          ? '-'
          : '·'
        : cell.allowed === cell.total
          ? '✓'
          : cell.allowed === 0
            ? '✗'
            : '◐';
      return mark.padStart(colWidth);
    });
    lines.push(
      `${String(i + 1).padStart(numWidth)}  ${displayName(from.id).padEnd(NAME_WIDTH)} ${cells.join('')}`,
    );
  });
  lines.push('', '✓ allowed   ✗ denied   ◐ some ports allowed   · no port to probe   - same pod');
  return `${lines.join('\n')}\n`;
}
