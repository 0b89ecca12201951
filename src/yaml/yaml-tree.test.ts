import { describe, expect, it } from 'vitest';
import { mapGet, parseYamlStream } from './yaml-tree.ts';
import type { YNode } from './yaml-tree.ts';
import { LineIndex } from './text-position.ts';

const root = (text: string, doc = 0) => parseYamlStream(text).documents[doc]?.root ?? null;
const scalarText = (n: YNode | undefined) => (n?.kind === 'scalar' ? n.text : undefined);

describe('parseYamlStream', () => {
  it('gives nodes offsets into the whole text, across documents', () => {
    const text = 'a: 1\n---\nkind: NetworkPolicy\nspec:\n  x: "q"\n';
    const doc = root(text, 1);
    expect(doc?.kind).toBe('map');
    if (doc?.kind !== 'map') return;
    const kind = mapGet(doc, 'kind');
    expect(kind && text.slice(kind.start, kind.end)).toBe('NetworkPolicy');
    const spec = mapGet(doc, 'spec');
    const x = spec?.kind === 'map' ? mapGet(spec, 'x') : undefined;
    expect(x && text.slice(x.start, x.end)).toBe('"q"');
    expect(scalarText(x)).toBe('q');
    expect(new LineIndex(text).position(x?.start ?? 0)).toEqual({ line: 5, column: 6 });
  });

  it('keeps a broken document from hiding the others', () => {
    const parsed = parseYamlStream('a: b: c\n---\nok: 1\n');
    expect(parsed.documents[0]?.root).toBeNull();
    expect(parsed.documents[0]?.problems[0]).toMatchObject({ code: 'yaml-syntax', offset: 4 });
    expect(parsed.documents[1]?.root?.kind).toBe('map');
  });

  it('stops an alias bomb with a located problem instead of expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const parsed = parseYamlStream(levels.join('\n') + '\n');
    expect(parsed.documents[0]?.problems[0]?.code).toBe('yaml-alias-budget');
  });

  it('rejects an anchor that contains itself and nesting beyond the limit', () => {
    expect(parseYamlStream('a: &x [*x]\n').documents[0]?.problems[0]?.message).toBe(
      "anchor 'x' value contains itself",
    );
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    expect(parseYamlStream(deep).documents[0]?.problems[0]?.code).toBe('yaml-depth');
  });

  it('keeps __proto__ and constructor as plain keys and records duplicates', () => {
    const doc = root('__proto__: {polluted: true}\nconstructor: 1\nconstructor: 2\n');
    expect(doc?.kind).toBe('map');
    if (doc?.kind !== 'map') return;
    expect(doc.entries.map((e) => scalarText(e.key))).toEqual([
      '__proto__',
      'constructor',
      'constructor',
    ]);
    expect(doc.duplicates.map(scalarText)).toEqual(['constructor']);
    expect(scalarText(mapGet(doc, 'constructor'))).toBe('2');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses NUL bytes and oversized input with a problem, not an exception', () => {
    expect(parseYamlStream('a: "\0"\n').documents[0]?.problems[0]?.code).toBe('yaml-syntax');
    const big = parseYamlStream('a: 1\n', {
      maxDepth: 100,
      aliasExpansionBudget: 10,
      maxInputLength: 3,
    });
    expect(big.documents[0]?.problems[0]?.code).toBe('yaml-too-large');
  });

  it('marks implicit empty values and flow collection ends', () => {
    const text = 'a:\nb: {c: d}\n';
    const doc = root(text);
    if (doc?.kind !== 'map') throw new Error('expected a map');
    const a = mapGet(doc, 'a');
    expect(a?.kind === 'scalar' && a.implicitEmpty).toBe(true);
    const b = mapGet(doc, 'b');
    expect(b && text.slice(b.start, b.end)).toBe('{c: d}');
  });
});

describe('LineIndex', () => {
  it('counts CRLF and lone CR as one line break each', () => {
    const idx = new LineIndex('a\r\nb\rc\nd');
    expect(idx.position(3)).toEqual({ line: 2, column: 1 });
    expect(idx.position(5)).toEqual({ line: 3, column: 1 });
    expect(idx.position(7)).toEqual({ line: 4, column: 1 });
    expect(idx.lineCount).toBe(4);
  });
});
