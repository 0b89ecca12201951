// Who may reach whom, for people in an 80-column terminal: a matrix while the pods fit across,
// otherwise a capped list of the rarer outcome (usually the allowed flows under default deny).
import { displayText } from '../model/display-text.ts';
import type { Reachability } from '../engine/reachability.ts';
import type { AnalyzeOptions } from './analyze.ts';

const WIDTH = 80;
const MAX_NAME = 24;
/** Pairs listed before the rest is summarised; --format json has every flow. */
const LIST_LIMIT = 200;

/**
 * Shows control, invisible and bidi characters visibly, and shortens in the middle: pods of one
 * workload differ at the end of their names (`web-7d9c…-x2k4q`), namespaces at the start.
 */
export function displayName(s: string, width = MAX_NAME): string {
  const chars = [...displayText(s, Number.MAX_SAFE_INTEGER)];
  if (chars.length <= width) return chars.join('');
  const head = Math.floor((width - 1) / 2);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (width - 1 - head)).join('')}`;
}

function probeLabel(options: AnalyzeOptions): string {
  if (options.port === null) {
    return `each port the destination declares (${options.protocol ?? 'every protocol'})`;
  }
  return `port ${String(options.port)}/${options.protocol ?? 'TCP'}`;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface Pair {
  readonly from: number;
  readonly to: number;
  /** Probes of the pair, each `port/PROTO` (or `name/PROTO` when the name did not resolve). */
  readonly allowed: readonly string[];
  readonly denied: readonly string[];
}

/** The probes of one ordered pair, allowed and denied. */
function pairOf(reach: Reachability, from: number, to: number): Pair {
  const allowed: string[] = [];
  const denied: string[] = [];
  (reach.probes[to] ?? []).forEach((p, i) => {
    const label = `${p.port ?? p.portName ?? '?'}/${p.protocol}`;
    (reach.allowed(from, to, i) ? allowed : denied).push(label);
  });
  return { from, to, allowed, denied };
}

/**
 * Every probed pair, one at a time: thousands of pods make millions of pairs, which must not sit
 * in memory at once. A pod to itself is probed only at an explicit --port, as in the json output.
 */
function* pairsOf(reach: Reachability, options: AnalyzeOptions): Generator<Pair> {
  const n = reach.pods.length;
  for (let from = 0; from < n; from++) {
    for (let to = 0; to < n; to++) {
      if (from === to && options.port === null) continue;
      yield pairOf(reach, from, to);
    }
  }
}

function matrix(reach: Reachability, pairs: Iterable<Pair>, nameWidth: number): string[] {
  const n = reach.pods.length;
  const numWidth = String(n).length;
  const cell = new Map<number, string>();
  for (const p of pairs) {
    const total = p.allowed.length + p.denied.length;
    const mark =
      total === 0 ? '·' : p.denied.length === 0 ? '✓' : p.allowed.length === 0 ? '✗' : '◐';
    cell.set(p.from * n + p.to, mark);
  }
  const indent = ' '.repeat(numWidth + 2 + nameWidth + 1);
  const lines = ['rows: from, columns: to'];
  // Column numbers are written top to bottom so each column stays two characters wide.
  for (let d = 0; d < numWidth; d++) {
    const digits = reach.pods.map((_, i) => String(i + 1).padStart(numWidth)[d] ?? ' ');
    lines.push(`${indent}${digits.map((c) => c.padStart(2)).join('')}`);
  }
  reach.pods.forEach((pod, from) => {
    const marks = reach.pods.map((_, to) => (cell.get(from * n + to) ?? '-').padStart(2));
    const name = displayName(pod.id, nameWidth).padEnd(nameWidth);
    lines.push(`${String(from + 1).padStart(numWidth)}  ${name} ${marks.join('')}`);
  });
  lines.push('', '✓ allowed  ✗ denied  ◐ some ports allowed  · no port to probe  - not probed');
  return lines;
}

function list(reach: Reachability, options: AnalyzeOptions): string[] {
  let allowedPairs = 0;
  let deniedPairs = 0;
  for (const p of pairsOf(reach, options)) {
    if (p.allowed.length > 0) allowedPairs++;
    if (p.denied.length > 0) deniedPairs++;
  }
  // Show the rarer outcome: under default deny that is what was opened, otherwise what was closed.
  const showAllowed = allowedPairs <= deniedPairs;
  const count = showAllowed ? allowedPairs : deniedPairs;
  const lines = [
    `${showAllowed ? 'Allowed' : 'Denied'} flows, ${count} pod pairs (from → to  ports):`,
  ];
  const name = (i: number) => displayName(reach.pods[i]?.id ?? '', 28);
  let listed = 0;
  for (const p of pairsOf(reach, options)) {
    if (listed >= LIST_LIMIT) break;
    const ports = showAllowed ? p.allowed : p.denied;
    if (ports.length === 0) continue;
    lines.push(`  ${name(p.from)} → ${name(p.to)}  ${ports.join(' ')}`);
    listed++;
  }
  if (count === 0) lines.push('  (none)');
  if (count > LIST_LIMIT) {
    lines.push(`  … and ${count - LIST_LIMIT} more pairs (--format json lists every flow)`);
  }
  return lines;
}

export function formatTable(reach: Reachability, options: AnalyzeOptions): string {
  const s = reach.summary;
  // The summary counts the same probes (ordered pairs of distinct pods, or every pair at a port).
  let allowed = 0;
  let total = 0;
  if (options.port === null) {
    allowed = s.allowed;
    total = s.flows;
  } else {
    for (const p of pairsOf(reach, options)) {
      allowed += p.allowed.length;
      total += p.allowed.length + p.denied.length;
    }
  }
  const lines = [
    `Probed: ${probeLabel(options)}`,
    `Workspace: ${count(s.pods, 'pod')}, ${count(s.policies, 'policy', 'policies')}`,
    `Isolated pods: ${s.ingressIsolatedPods} for ingress, ${s.egressIsolatedPods} for egress`,
    `Result: ${allowed} of ${total} flows allowed`,
    '',
  ];
  if (reach.pods.length === 0) {
    lines.push('No pods or workloads in the input: nothing to analyse.');
    return `${lines.join('\n')}\n`;
  }
  const nameWidth = Math.min(
    MAX_NAME,
    Math.max(...reach.pods.map((p) => displayName(p.id, MAX_NAME).length)),
  );
  const numWidth = String(reach.pods.length).length;
  const fits = numWidth + 2 + nameWidth + 1 + 2 * reach.pods.length <= WIDTH;
  lines.push(...(fits ? matrix(reach, pairsOf(reach, options), nameWidth) : list(reach, options)));
  return `${lines.join('\n')}\n`;
}
