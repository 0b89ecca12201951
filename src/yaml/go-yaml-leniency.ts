// What kubectl's YAML reader (go-yaml v2, a port of libyaml) accepts and js-yaml refuses, made
// readable without loosening anything else. libyaml checks no indentation inside a flow
// collection (`[ … ]`, `{ … }`) or on the continuation lines of a quoted scalar, and it takes a tab
// as a separator there; js-yaml calls both "deficient indentation". Real manifests rely on it
// (a flow sequence of container args whose continuation lines start with a tab), and kubectl
// applies them, so such a line is re-indented with spaces and the parse retried. Offsets of the
// re-indented text map back to the original, so every position still points at what was written.
import type { YMap, YMapEntry, YNode } from './yaml-tree.ts';

/** Spaces inserted into the text handed to js-yaml: `count` spaces at `at` (re-indented text). */
interface Insertion {
  at: number;
  readonly count: number;
}

export class Reindented {
  private readonly insertions: Insertion[] = [];

  constructor(public text: string) {}

  get changed(): boolean {
    return this.insertions.length > 0 || this.tabsReplaced;
  }

  private tabsReplaced = false;

  /** The original offset of an offset in the re-indented text. */
  toOriginal(offset: number): number {
    let shift = 0;
    for (const ins of this.insertions) {
      if (offset >= ins.at + ins.count) shift += ins.count;
      else if (offset >= ins.at) return ins.at - shift;
      else break;
    }
    return offset - shift;
  }

  /**
   * Re-indents the line of a "deficient indentation" error at `position` (an offset in the
   * current text): separator tabs become spaces and a blank-prefixed line is indented past every
   * enclosing block. False when there is nothing to change (the error is genuine).
   */
  repairAt(position: number): boolean {
    const text = this.text;
    let lineStart = position;
    while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r')
      lineStart--;
    let line = '';
    let quote: string | null = null;
    let tabs = false;
    for (let i = lineStart; i < position; i++) {
      const c = text[i] ?? '';
      const prev = i === lineStart ? ' ' : (text[i - 1] ?? ' ');
      if (quote !== null) {
        if (quote === '"' && c === '\\') {
          line += c + (text[i + 1] ?? '');
          i++;
          continue;
        }
        if (c === quote) quote = null;
        line += c;
        continue;
      }
      // A quote opens a scalar only where a token starts (`it's` is plain text).
      if ((c === '"' || c === "'") && /[ \t[{,:?-]/.test(prev)) quote = c;
      if (c === '\t' && /[ \t[{,:?-]/.test(prev)) {
        line += ' ';
        tabs = true;
        continue;
      }
      line += c;
    }
    const need = deepestIndent(text, lineStart) + 1;
    const pad = /^[ \t]*$/.test(line) ? Math.max(0, need - line.length) : 0;
    if (!tabs && pad === 0) return false;
    this.text = text.slice(0, lineStart) + ' '.repeat(pad) + line + text.slice(position);
    if (tabs) this.tabsReplaced = true;
    if (pad > 0) this.inserted(lineStart, pad);
    // A line break right after `[`, `{` or `,` is surely inside a flow collection.
    let before = lineStart - 1;
    while (before >= 0 && /\s/.test(text[before] ?? '')) before--;
    this.reindentFollowing(lineStart + pad + line.length, need, /[[{,]/.test(text[before] ?? ''));
    return true;
  }

  private inserted(at: number, count: number): void {
    for (const ins of this.insertions) if (ins.at >= at) ins.at += count;
    this.insertions.push({ at, count });
    this.insertions.sort((a, b) => a.at - b.at);
  }

  /**
   * Re-indents, in one go, the tab-led lines of the flow collection that continues after
   * `from`, so a long tab-indented sequence costs one more parse rather than one per line.
   * Unless `surely` in a collection, only lines starting with a tab are touched: go-yaml refuses
   * those outside flow collections, so a wrong guess about where the collection ends cannot
   * change what a valid text means.
   */
  private reindentFollowing(from: number, need: number, surely: boolean): void {
    const text = this.text;
    const lines: number[] = [];
    let depth = 1;
    let i = from;
    while (i < text.length && depth > 0) {
      const c = text[i];
      if (c === '"' || c === "'") {
        i++;
        while (i < text.length && text[i] !== c) {
          if (c === '"' && text[i] === '\\') i++;
          i++;
        }
      } else if (c === '#' && /[ \t]/.test(text[i - 1] ?? '')) {
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
        continue;
      } else if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') depth--;
      else if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
        if (text[i + 1] === '\t' || (surely && shallow(text, i + 1, need))) lines.push(i + 1);
      }
      i++;
    }
    if (depth > 0 || lines.length === 0) return;
    let out = '';
    let last = 0;
    let shift = 0;
    for (const start of lines) {
      let end = start;
      while (text[end] === ' ' || text[end] === '\t') end++;
      const pad = Math.max(0, need - (end - start));
      out += text.slice(last, start) + ' '.repeat(pad + end - start);
      if (pad > 0) this.inserted(start + shift, pad);
      shift += pad;
      last = end;
    }
    this.text = out + text.slice(last);
    this.tabsReplaced = true;
  }
}

/** True when the line at `start` has content indented less than `need` columns. */
function shallow(text: string, start: number, need: number): boolean {
  let end = start;
  while (text[end] === ' ') end++;
  return end - start < need && text[end] !== '\n' && text[end] !== '\r' && end < text.length;
}

/**
 * The deepest column a node can start at on the lines before `end`: past leading spaces and
 * block-sequence dashes. An indentation beyond it satisfies every enclosing block.
 */
function deepestIndent(text: string, end: number): number {
  let deepest = 0;
  let i = 0;
  while (i < end) {
    let col = 0;
    let j = i;
    for (;;) {
      while (text[j] === ' ') {
        j++;
        col++;
      }
      if ((text[j] === '-' || text[j] === '?') && (text[j + 1] === ' ' || text[j + 1] === '\t')) {
        j++;
        col++;
        continue;
      }
      break;
    }
    if (text[j] !== '\n' && text[j] !== '\r' && text[j] !== '#' && j < end)
      deepest = Math.max(deepest, col);
    while (i < end && text[i] !== '\n' && text[i] !== '\r') i++;
    while (i < end && (text[i] === '\n' || text[i] === '\r')) i++;
  }
  return deepest;
}

/** The same tree with every offset passed through `f` (shared alias targets stay shared). */
export function remapTree(root: YNode, f: (offset: number) => number): YNode {
  const memo = new Map<YNode, YNode>();
  const walk = (node: YNode): YNode => {
    const known = memo.get(node);
    if (known) return known;
    let out: YNode;
    if (node.kind === 'scalar') {
      out = { ...node, start: f(node.start), end: f(node.end) };
    } else if (node.kind === 'seq') {
      out = { ...node, start: f(node.start), end: f(node.end), items: node.items.map(walk) };
    } else {
      const entries: YMapEntry[] = node.entries.map((e) => ({
        key: walk(e.key),
        value: walk(e.value),
      }));
      const map: YMap = {
        ...node,
        start: f(node.start),
        end: f(node.end),
        entries,
        duplicates: node.duplicates.map(walk),
      };
      out = map;
    }
    memo.set(node, out);
    return out;
  };
  return walk(root);
}
