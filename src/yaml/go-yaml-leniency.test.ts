// What kubectl's YAML reader (go-yaml v2) accepts that js-yaml alone refuses: tabs and any
// indentation inside flow collections and on quoted-scalar continuation lines. Nothing else
// loosens, and every position still points at the text as written.
import { describe, expect, it } from 'vitest';
import { parseYamlStream } from './yaml-tree.ts';
import type { YNode } from './yaml-tree.ts';
import { readWorkspace } from './read-workspace.ts';

/** Plain data from a tree, with each scalar's source text checked against its offsets. */
function plain(node: YNode | null, text: string): unknown {
  if (node === null) return null;
  if (node.kind === 'scalar') {
    const raw = text.slice(node.start, node.end);
    if (node.style === 'plain') expect(raw).toBe(node.text);
    return node.text;
  }
  if (node.kind === 'seq') return node.items.map((n) => plain(n, text));
  return Object.fromEntries(
    node.entries.map((e) => [plain(e.key, text) as string, plain(e.value, text)]),
  );
}

function read(text: string) {
  const doc = parseYamlStream(text).documents[0]!;
  return { problems: doc.problems, value: plain(doc.root, text) };
}

describe('go-yaml leniencies js-yaml lacks', () => {
  it('reads a Deployment whose flow sequence continues on tab-indented lines', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
        args: ["--port=8080",
\t\t"--verbose"]
        ports: [{containerPort: 8080,
\t\tname: http}]
`;
    const r = readWorkspace(text);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.workloads.map((w) => [w.id, w.ports])).toEqual([
      ['shop/web', [{ name: 'http', port: 8080, protocol: 'TCP' }]],
    ]);
  });

  it('keeps offsets of the text as written after re-indenting', () => {
    const text = 'a: [1,\n\t2]\nb: {x: 1,\n\ty: [3,\n\t\t4]}\nc: 5\n';
    expect(read(text)).toEqual({
      problems: [],
      value: { a: ['1', '2'], b: { x: '1', y: ['3', '4'] }, c: '5' },
    });
    const root = parseYamlStream(text).documents[0]!.root!;
    expect(
      root.kind === 'map' && text.slice(root.entries[0]!.value.start, root.entries[0]!.value.end),
    ).toBe('[1,\n\t2]');
  });

  it('accepts tabs as separators inside a flow collection and after a key', () => {
    expect(read('a: [1,\t2]\n').value).toEqual({ a: ['1', '2'] });
    expect(read('a:\t[1, 2]\n').value).toEqual({ a: ['1', '2'] });
    expect(read('a: {x: 1,\ty: "t\\tz"}\n').value).toEqual({ a: { x: '1', y: 't\tz' } });
  });

  it('takes any indentation inside a flow collection, closing bracket at column 0 included', () => {
    expect(read('a:\n  b: [\n  1,\n2\n]\n  c: 3\n').value).toEqual({
      a: { b: ['1', '2'], c: '3' },
    });
    expect(read('spec:\n  podSelector: {matchLabels: {\napp: web}\n}\n').value).toEqual({
      spec: { podSelector: { matchLabels: { app: 'web' } } },
    });
  });

  it('takes any indentation on the continuation lines of a quoted scalar', () => {
    expect(read('a: "one\ntwo"\nb: \'three\n\tfour\'\n').value).toEqual({
      a: 'one two',
      b: 'three four',
    });
  });

  it('keeps what go-yaml refuses: tabs as block indentation, in block-scalar indentation, unclosed brackets', () => {
    expect(read('a:\n\tb: 1\n').problems[0]).toMatchObject({ code: 'yaml-syntax', offset: 3 });
    expect(read('a: |\n  x\n\t\n  y\n').problems).toHaveLength(1);
    const unclosed = read('a: [1,\n\t2\nb: 3\n');
    expect(unclosed.value).toBeNull();
    expect(unclosed.problems).toHaveLength(1);
  });

  it('keeps tabs inside block scalars and quoted text as they are', () => {
    expect(read('a: |\n  x\n  \ty\nb: ["p\tq",\n\t"r"]\n').value).toEqual({
      a: 'x\n\ty\n',
      b: ['p\tq', 'r'],
    });
  });
});

describe('cost of re-indenting', () => {
  it('reads a 3000-line tab-indented flow sequence with a few parses, not one per line', () => {
    const items = Array.from({ length: 3000 }, (_, i) => `\t"--flag-${i}",`).join('\n');
    const text = `a:\n  args: [\n${items}\n\t"--last"]\n  b: 1\n`;
    const started = performance.now();
    const doc = parseYamlStream(text).documents[0]!;
    expect(performance.now() - started).toBeLessThan(5000);
    expect(doc.problems).toEqual([]);
    const value = plain(doc.root, text) as { a: { args: string[]; b: string } };
    expect(value.a.args).toHaveLength(3001);
    expect(value.a.b).toBe('1');
  });
});

describe('cost of re-indenting, at column 0', () => {
  it('reads a 3000-line flow mapping written at the first column in a few parses', () => {
    const items = Array.from({ length: 3000 }, (_, i) => `"k${i}": "v${i}",`).join('\n');
    const text = `a:\n  data: {\n${items}\n"last": "x"\n}\n  b: 1\n`;
    const started = performance.now();
    const doc = parseYamlStream(text).documents[0]!;
    expect(performance.now() - started).toBeLessThan(5000);
    expect(doc.problems).toEqual([]);
    const value = plain(doc.root, text) as { a: { data: Record<string, string>; b: string } };
    expect(Object.keys(value.a.data)).toHaveLength(3001);
    expect(value.a.b).toBe('1');
  });
});
