// The fast parser must build exactly js-yaml's trees (offsets, text, style, duplicates, implicit
// empties, flow flags) or give the document up; the stream read with it must equal the read
// without it, diagnostics included. Random Kubernetes-like streams, and every fixture.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateCluster } from '../../bench/generate.mjs';
import { fastDocumentTree } from './fast-yaml-tree.ts';
import { splitDocuments } from './split-documents.ts';
import { DEFAULT_LIMITS, parseYamlStream, parseYamlStreamWithJsYaml } from './yaml-tree.ts';

// Reproduce a failure with FAST_YAML_SEED=<seed printed below>.
const SEED = Number(process.env.FAST_YAML_SEED ?? Date.now() % 2 ** 31);
console.log(`fast-yaml-tree property seed: ${SEED}`);

/** Reads `text` both ways; returns how many documents the fast parser took. */
function compare(text: string): { fast: number; documents: number } {
  const withFast = parseYamlStream(text);
  const reference = parseYamlStreamWithJsYaml(text);
  expect(withFast).toEqual(reference);
  let fast = 0;
  const spans = splitDocuments(text).documents;
  for (const [i, span] of spans.entries()) {
    if (span.empty) continue;
    const tree = fastDocumentTree(text, span.contentStart, span.end, DEFAULT_LIMITS.maxDepth);
    if (tree === undefined) continue;
    fast++;
    // A document the fast parser takes is one js-yaml reads without a problem.
    expect(reference.documents[i]?.problems.filter((p) => p.code !== 'K1')).toEqual([]);
    expect(tree).toEqual(reference.documents[i]?.root);
  }
  return { fast, documents: spans.length };
}

// Scalar text: Kubernetes words, and the characters that change how YAML reads a line.
const word = fc.constantFrom(
  'app',
  'name',
  'kube-system',
  'example.com/tier',
  '80',
  '0.0.0.0/0',
  'true',
  'null',
  '~',
  '-1',
  '1e3',
  '0x1F',
  'é',
  'ünïcödé',
  '日本',
  '🙂',
  'a b',
  'k8s.io',
  'x',
);
const piece = fc.oneof(
  { weight: 14, arbitrary: word },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      ':',
      ': ',
      '#',
      ' #',
      ' ',
      '  ',
      '-',
      '- ',
      '?',
      ',',
      '[',
      ']',
      '{',
      '}',
      "'",
      '"',
      '\\',
      '&',
      '*',
      '!',
      '|',
      '>',
      '%',
      '@',
      '`',
      '\t',
      '...',
      '---',
    ),
  },
);
const rawText = fc.array(piece, { minLength: 0, maxLength: 3 }).map((a) => a.join(''));

/** A scalar as written: plain (possibly not valid as plain), single- or double-quoted. */
const scalar = fc.oneof(
  { weight: 5, arbitrary: rawText.filter((t) => t.length > 0) },
  { weight: 2, arbitrary: rawText.map((t) => `'${t.replaceAll("'", "''")}'`) },
  { weight: 2, arbitrary: rawText.map((t) => JSON.stringify(t)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '"\\u00e9\\x41\\t\\n\\\\\\"\\/"',
      '"a\\qb"',
      '"\\U0001F600"',
      "'a'b'",
    ),
  },
);
const key = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 2, arbitrary: scalar },
  { weight: 1, arbitrary: fc.constantFrom('a[b]', '-k', 'k ', 'a#b', 'a:b', '<<') },
);
const comment = fc.constantFrom('', '', '', ' # note', '  #: x', ' #', '#no-space');
const gap = fc.constantFrom('', '', '', '\n', '# c\n', '   # c\n', '  \n');

type Value =
  | { t: 'scalar'; s: string }
  | { t: 'empty' }
  | { t: 'flow'; s: string }
  | { t: 'map'; entries: [string, Value][]; step: number }
  | { t: 'seq'; items: Value[]; step: number; compact: boolean };

const flow = fc.oneof(
  fc.constantFrom('{}', '[]', '[ ]', '{ }', '[a, b]', '[Ingress, Egress]', '[a,b ]', '[a, ]'),
  fc.constantFrom('{a: b}', '{"a": 1, b: [c, d]}', '{a: b, a: c}', '[{}]', '{a: }', '[a: b]'),
  fc.constantFrom('[a', '{a: b} x', '[ "x", \'y\' ]', '[a #c]', '{a:b}', '[-x, -]'),
);

const valueArb: fc.Memo<Value> = fc.memo((n) => {
  const leaf = fc.oneof(
    { weight: 5, arbitrary: scalar.map((s): Value => ({ t: 'scalar', s })) },
    { weight: 1, arbitrary: fc.constant<Value>({ t: 'empty' }) },
    { weight: 1, arbitrary: flow.map((s): Value => ({ t: 'flow', s })) },
  );
  if (n <= 1) return leaf;
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    {
      weight: 2,
      arbitrary: fc.record({
        t: fc.constant('map' as const),
        entries: fc.array(fc.tuple(key, valueArb(n - 1)), { minLength: 1, maxLength: 4 }),
        step: fc.constantFrom(2, 2, 4, 1),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        t: fc.constant('seq' as const),
        items: fc.array(valueArb(n - 1), { minLength: 1, maxLength: 3 }),
        step: fc.constantFrom(2, 2, 4),
        compact: fc.boolean(),
      }),
    },
  );
});

/** Lines for a value placed after `key:` or `- ` (inline when it is a leaf). */
function render(v: Value, indent: number, extras: string[], k: { i: number }): string {
  const extra = () => extras[k.i++ % extras.length] ?? '';
  const pad = ' '.repeat(indent);
  switch (v.t) {
    case 'scalar':
      return ` ${v.s}${extra().startsWith(' #') ? extra() : ''}\n`;
    case 'flow':
      return ` ${v.s}\n`;
    case 'empty':
      return `${extra().startsWith(' #') ? extra() : ''}\n`;
    case 'map': {
      const inner = indent + v.step;
      const ip = ' '.repeat(inner);
      return `\n${v.entries.map(([key, value]) => `${extra().startsWith('#') ? `${ip}# x\n` : ''}${ip}${key}:${render(value, inner, extras, k)}`).join('')}`;
    }
    case 'seq': {
      const inner = v.compact ? indent : indent + v.step;
      const ip = ' '.repeat(inner);
      return `\n${v.items
        .map((item) => {
          if (item.t === 'map' && extra() !== '') {
            // `- k: v` with the rest of the map under the first key.
            const [first, ...rest] = item.entries;
            const mi = inner + 2;
            const mp = ' '.repeat(mi);
            return `${ip}- ${first?.[0]}:${first ? render(first[1], mi, extras, k) : '\n'}${rest.map(([key, value]) => `${mp}${key}:${render(value, mi, extras, k)}`).join('')}`;
          }
          return `${ip}-${render(item, inner, extras, k)}`;
        })
        .join('')}${pad.length < 0 ? '' : ''}`;
    }
  }
}

const doc = fc
  .tuple(
    fc.array(fc.tuple(key, valueArb(4)), { minLength: 1, maxLength: 5 }),
    fc.array(fc.oneof(comment, gap), { minLength: 1, maxLength: 8 }),
  )
  .map(([entries, extras]) => {
    const k = { i: 0 };
    return entries.map(([key, value]) => `${key}:${render(value, 0, extras, k)}`).join('');
  });
const marker = fc.constantFrom('---\n', '--- # c\n', '---\n# lead\n\n', '---\n---\n');
const stream = fc
  .tuple(fc.array(fc.tuple(marker, doc), { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([docs, firstMarker]) =>
    docs.map(([m, d], i) => (i === 0 && !firstMarker ? d : m + d)).join(''),
  );

describe('fast YAML trees', () => {
  it('equal js-yaml trees on random Kubernetes-like streams, or leave the document to js-yaml', () => {
    let fast = 0;
    let documents = 0;
    fc.assert(
      fc.property(stream, (text) => {
        const r = compare(text);
        fast += r.fast;
        documents += r.documents;
      }),
      { seed: SEED, numRuns: Number(process.env.FAST_YAML_RUNS ?? 400) },
    );
    // The generator must exercise the fast parser, not only the fallback.
    expect(fast).toBeGreaterThan(documents * 0.15);
  });

  it('equal js-yaml trees on every fixture and on the bench clusters', () => {
    const root = join(import.meta.dirname, '../..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(name)) files.push(p);
      }
    };
    walk(join(root, 'fixtures'));
    expect(files.length).toBeGreaterThan(10);
    let fast = 0;
    for (const f of files) fast += compare(readFileSync(f, 'utf8')).fast;
    expect(fast).toBeGreaterThan(0);
    for (const text of [generateCluster(200), generateCluster(300, { clusterPolicies: 10 })]) {
      const r = compare(text);
      // Generated manifests are in the subset throughout.
      expect(r.fast).toBe(r.documents);
    }
  });

  it('gives up on what it does not read: anchors, tags, block scalars, tabs, CR, directives', () => {
    const outside = [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  text\n',
      'a: >-\n  text\n',
      'a:\tb\n',
      'a: b\r\nc: d\r\n',
      '%YAML 1.1\n---\na: b\n',
      'a: b\n...\n',
      '? a\n: b\n',
      'a: multi\n  line\n',
      'a: "multi\n  line"\n',
      'a: b: c\n',
      'a: [b,\n  c]\n',
      '- a\nb: c\n',
      'a:\n  b: 1\n c: 2\n',
      'scalar\n',
    ];
    for (const text of outside) {
      expect(fastDocumentTree(text, 0, text.length, 100), text).toBeUndefined();
      compare(text);
    }
  });

  it('reads an empty value where js-yaml puts it, and keeps duplicate keys', () => {
    const text = 'a:\nb:\n- x\n-\n- {}\nc: [p, q ]\nd: "x" # c\ne:\nb: {a: b, a: c}\n';
    compare(text);
    const tree = fastDocumentTree(text, 0, text.length, 100);
    expect(tree?.kind).toBe('map');
    if (tree?.kind !== 'map') return;
    expect(tree.entries[0]?.value).toMatchObject({ implicitEmpty: true, start: 1, end: 1 });
    expect(tree.duplicates.map((d) => d.start)).toEqual([text.lastIndexOf('b:')]);
  });

  it('sends a document with an unpaired surrogate or a control character to js-yaml, within a clean batch too', () => {
    // The characters are looked for once per batch; a document must still go to js-yaml alone.
    const clean = 'a: b\n---\nc: d\n';
    for (const odd of ['\uD800', '\uDC00', 'x\uD800', '\uDC00x', '\u0007', '\uFEFF']) {
      for (const text of [
        `${clean}---\ne: "${odd}"\n`,
        `e: "${odd}"\n---\n${clean}`,
        `${clean}---\ne: ${odd}\n---\n${clean}`,
      ])
        compare(text);
    }
    // A pair split by the cut between two documents of a JSON stream is two lone halves.
    compare('{"a": 1}\uD83D{"b": 2}\uDE00{"c": 3}');
    compare('{"a": "\uD83D\uDE00"}{"b": 2}');
  });
});
