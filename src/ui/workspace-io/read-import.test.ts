// Import decoding: strict UTF-8, JSON lists split into YAML documents, unknown extensions refused.
import { describe, expect, it } from 'vitest';
import { parseText } from '../../store/parse-text.ts';
import { joinStreams, jsonToYaml, readImportFile } from './read-import.ts';

describe('read-import', () => {
  it('turns a kubectl JSON List into one YAML document per item, keys in their order', () => {
    const json = JSON.stringify({
      kind: 'List',
      items: [
        { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'a' } },
        { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'b' } },
      ],
    });
    expect(jsonToYaml(json)).toBe(
      'kind: Namespace\napiVersion: v1\nmetadata:\n  name: a\n---\nkind: Namespace\napiVersion: v1\nmetadata:\n  name: b\n',
    );
  });

  it('keeps YAML-1.1 booleans quoted so kubectl reads strings back', () => {
    expect(jsonToYaml('{"metadata":{"labels":{"enabled":"yes"}}}')).toContain("enabled: 'yes'");
  });

  it('reports invalid UTF-8 and unknown extensions instead of guessing', async () => {
    const latin1 = new File([new Uint8Array([0x61, 0x3a, 0x20, 0xe9, 0x0a])], 'x.yaml');
    expect(await readImportFile(latin1)).toMatchObject({ ok: false, error: /UTF-8/ });
    expect(await readImportFile(new File(['a: 1'], 'x.txt'))).toMatchObject({ ok: false });
    expect(await readImportFile(new File(['{"a":'], 'x.json'))).toMatchObject({
      ok: false,
      error: /not valid JSON/,
    });
    expect(await readImportFile(new File(['a: 1\n'], 'x.YML'))).toEqual({
      ok: true,
      name: 'x.YML',
      text: 'a: 1\n',
    });
  });

  it('joins several files with document separators', () => {
    expect(joinStreams(['a: 1', '---\nb: 2\n', 'c: 3\n'])).toBe('a: 1\n---\nb: 2\n---\nc: 3\n');
  });
});

describe('one reader, one verdict', () => {
  const ns = (meta: string) =>
    `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Namespace","metadata":{${meta}}}]}`;

  it('keeps a JSON file with a duplicate field as written, so its strict decoding error shows', async () => {
    const json = ns('"name":"a","name":"b"');
    const read = await readImportFile(new File([json], 'dup.json'));
    expect(read).toMatchObject({ ok: true, text: json, note: /kept as JSON.*duplicate field/ });
    const diags = parseText(read.ok ? read.text : '').diagnostics;
    expect(diags.map((d) => d.code)).toContain('D13');
  });

  it('converts JSON the reader reads the same either way', async () => {
    const read = await readImportFile(new File([ns('"name":"a"')], 'ok.json'));
    expect(read).toEqual({
      ok: true,
      name: 'ok.json',
      text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n',
    });
  });

  it('keeps a byte order mark of a YAML file', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a: 1\n')]);
    expect(await readImportFile(new File([bytes], 'bom.yaml'))).toMatchObject({
      ok: true,
      text: '\ufeffa: 1\n',
    });
  });
});
