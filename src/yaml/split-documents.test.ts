import { describe, expect, it } from 'vitest';
import { loadAll } from 'js-yaml';
import { splitDocuments } from './split-documents.ts';

const contents = (text: string) =>
  splitDocuments(text).documents.map((d) => text.slice(d.start, d.end));

describe('splitDocuments', () => {
  it('reads an empty or comment-only text as no documents, like loadAll', () => {
    expect(splitDocuments('').documents).toEqual([]);
    expect(splitDocuments('# just a comment\n\n').documents).toEqual([]);
    expect(loadAll('# just a comment\n')).toEqual([]);
  });

  it('keeps a comment prefix with the first document and counts documents as loadAll does', () => {
    const text = '# header\n---\na: 1\n---\n---\nb: 2\n';
    expect(contents(text)).toEqual(['# header\n---\na: 1\n', '---\n', '---\nb: 2\n']);
    expect(splitDocuments(text).documents.map((d) => d.empty)).toEqual([false, true, false]);
    expect(loadAll(text)).toHaveLength(3);
  });

  it('covers every character exactly once, so edits can splice documents', () => {
    const text = 'a: 1\r\n---\r\nb: 2\r\n--- # note\r\nc: 3';
    const spans = splitDocuments(text).documents;
    expect(spans[0]?.start).toBe(0);
    spans.forEach((s, i) => {
      const next = spans[i + 1];
      if (next) expect(s.end).toBe(next.start);
    });
    expect(spans.at(-1)?.end).toBe(text.length);
    expect(contents(text).join('')).toBe(text);
  });

  it('skips a byte order mark and does not treat ---x or indented --- as markers', () => {
    const text = '\uFEFFa: |\n  ---\n---x: 1\n';
    const split = splitDocuments(text);
    expect(split.bom).toBe(true);
    expect(split.documents).toHaveLength(1);
    expect(split.documents[0]?.start).toBe(1);
  });

  it('reports content on a separator line, which kubectl rejects', () => {
    const split = splitDocuments('a: 1\n--- {b: 2}\n--- # fine\nc: 3\n');
    expect(split.separatorContent).toEqual([{ document: 1, offset: 5, rest: '{b: 2}' }]);
  });

  it('splits a JSON stream (a file kubectl reads as JSON) into one document per object', () => {
    const text = '\uFEFF {"a": "}{"}\n{"b": [1, {"c": 2}]}{"d": 3}\n';
    expect(contents(text)).toEqual([' {"a": "}{"}\n', '{"b": [1, {"c": 2}]}', '{"d": 3}\n']);
    expect(splitDocuments(text).documents[0]?.start).toBe(1);
    // One object, YAML after it, or a marker: not a JSON stream.
    expect(splitDocuments('{"a": 1}\n').documents).toHaveLength(1);
    expect(splitDocuments('{"a": 1}\nb: 2\n').documents).toHaveLength(1);
    expect(splitDocuments('{"a": 1}\n---\n{"b": 2}\n').documents).toHaveLength(2);
  });
});
