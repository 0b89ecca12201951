// Bad input read as kubectl reads it: one located diagnostic in go-yaml's words, nothing after it
// that misleads, and no position outside the document it belongs to.
import { describe, expect, it } from 'vitest';
import { readWorkspace } from './read-workspace.ts';

const brief = (text: string) =>
  readWorkspace(text).diagnostics.map((d) => [d.severity, d.code, d.line, d.column, d.message]);

const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

describe('syntax errors in go-yaml words', () => {
  it('x: a: b is one "mapping values are not allowed" error, located', () => {
    expect(brief('x: a: b\n')).toEqual([
      ['error', 'yaml-syntax', 1, 5, 'mapping values are not allowed in this context'],
    ]);
    expect(brief(`${ns('a')}  labels: {x: a: b}\n`).length).toBe(1);
    expect(brief('a: 1\n  b: 2\n')).toEqual([
      ['error', 'yaml-syntax', 2, 4, 'mapping values are not allowed in this context'],
    ]);
  });

  it('adds no "document is a scalar" after it when an empty document follows', () => {
    for (const after of [
      '---\n...\n',
      '---\nnull\n',
      '---\n~\n',
      '...\n---\n',
      '---\n# only a comment\n',
    ]) {
      const text = `a: 1\nb: 2\nc: 3\nx: a: b\n${after}`;
      expect(brief(text), JSON.stringify(text)).toEqual([
        ['error', 'yaml-syntax', 4, 5, 'mapping values are not allowed in this context'],
      ]);
    }
  });
});

describe('empty and null documents', () => {
  it('are skipped as kubectl skips them', () => {
    const text = `---\n...\n---\nnull\n---\n~\n---\n${ns('a')}---\n---\n# trailing\n`;
    const r = readWorkspace(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.namespaces.map((n) => n.name)).toEqual(['a']);
  });

  it('still refuses a document that is a real scalar or a list', () => {
    expect(brief('hello\n').map((d) => d[1])).toEqual(['K4']);
    expect(brief('- a\n').map((d) => d[1])).toEqual(['K4']);
  });
});

describe('positions stay inside their document', () => {
  it('an unterminated quote is reported on its own document, not on the next ---', () => {
    const text = `kind: Namespace\nmetadata: {name: "a\n---\n${ns('b')}`;
    expect(brief(text)).toEqual([
      ['error', 'yaml-syntax', 2, 19, 'unexpected end of the stream within a double quoted scalar'],
    ]);
  });

  it('a second document without --- is pointed at where it starts', () => {
    const text = `${ns('a')}---\n${ns('b')}...\n${ns('c')}`;
    const r = readWorkspace(text);
    const extra = r.diagnostics.find((d) => d.code === 'yaml-extra-document')!;
    expect([extra.line, extra.column]).toEqual([11, 1]);
    expect(r.namespaces.map((n) => n.name)).toEqual(['a', 'b']);
  });
});

describe('numbers no Go type holds', () => {
  const port = (p: string) =>
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: ${p}\n`;

  it('a 400-digit port is one out-of-range error showing the digits as written, shortened', () => {
    const digits = '9'.repeat(400);
    const d = readWorkspace(port(digits)).diagnostics;
    expect(d.map((x) => [x.code, x.line, x.column, x.path])).toEqual([
      ['T1', 8, 13, 'spec.ingress[0].ports[0].port'],
    ]);
    expect(d[0]!.message).toContain(
      'spec.ingress[0].ports[0].port: Invalid value: 9999999999…9999 (400 digits): must be between 1 and 65535, inclusive',
    );
    expect(d[0]!.message).not.toMatch(/Inf/);
  });

  it('a port beyond int32 but within a float stays a number type error', () => {
    const d = readWorkspace(port('99999999999999999999999')).diagnostics;
    expect(d.map((x) => x.message)).toEqual([
      'NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: json: cannot unmarshal number 1e+23 into Go struct field NetworkPolicyPort.spec.ingress.ports.port of type int32',
    ]);
  });

  it('.inf is still the YAML→JSON error', () => {
    expect(
      readWorkspace(port('.inf'))
        .diagnostics.filter((x) => x.severity === 'error')
        .map((x) => x.message),
    ).toEqual(['error converting YAML to JSON: json: unsupported value: +Inf']);
  });
});
