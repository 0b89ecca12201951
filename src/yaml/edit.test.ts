import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendDocument, applyEdit, applyEdits, removeDocument, replaceDocument } from './edit.ts';
import { splitDocuments } from './split-documents.ts';

const docs = (text: string) =>
  splitDocuments(text).documents.map((d) => text.slice(d.start, d.end));

const stream = '# team policies\r\n---\r\na: 1 # keep me\r\n---\r\nb: 2\r\n---\r\nc: 3\r\n';

describe('document edits', () => {
  it('replaces one document and keeps every other byte, CRLF included', () => {
    const edit = replaceDocument(stream, 1, 'b: 20\nextra: true\n');
    expect(edit).not.toBeNull();
    const out = applyEdit(stream, edit!);
    expect(out).toBe(
      '# team policies\r\n---\r\na: 1 # keep me\r\n---\r\nb: 20\r\nextra: true\r\n---\r\nc: 3\r\n',
    );
  });

  it('keeps the comment prefix and marker of the first document', () => {
    const out = applyEdit(stream, replaceDocument(stream, 0, 'a: 2')!);
    expect(out.startsWith('# team policies\r\n---\r\na: 2\r\n---\r\nb: 2')).toBe(true);
  });

  it('keeps a byte order mark', () => {
    const text = '\uFEFFa: 1\n---\nb: 2\n';
    expect(applyEdit(text, replaceDocument(text, 0, 'a: 9')!)).toBe('\uFEFFa: 9\n---\nb: 2\n');
  });

  it('moves content off a marker line when replacing it', () => {
    const text = 'a: 1\n--- {b: 2}\n';
    expect(applyEdit(text, replaceDocument(text, 1, 'b: 3\n')!)).toBe('a: 1\n---\nb: 3\n');
  });

  it('appends with a separator and the text line breaks, also to text without a final newline', () => {
    expect(applyEdit('a: 1', appendDocument('a: 1', 'b: 2'))).toBe('a: 1\n---\nb: 2\n');
    expect(applyEdit('a: 1\r\n', appendDocument('a: 1\r\n', 'b: 2\n'))).toBe(
      'a: 1\r\n---\r\nb: 2\r\n',
    );
    expect(applyEdit('', appendDocument('', 'b: 2'))).toBe('b: 2\n');
  });

  it('separates an appended document from anything but white space', () => {
    // White space alone holds no document; a comment or a no-break space (content to YAML) does.
    expect(applyEdit(' \n\n', appendDocument(' \n\n', 'b: 2'))).toBe(' \n\nb: 2\n');
    expect(applyEdit('# c\n', appendDocument('# c\n', 'b: 2'))).toBe('# c\n---\nb: 2\n');
    expect(applyEdit('\u00a0\n', appendDocument('\u00a0\n', 'b: 2'))).toBe('\u00a0\n---\nb: 2\n');
  });

  it('removes a document with its separator', () => {
    expect(applyEdit(stream, removeDocument(stream, 1)!)).toBe(
      '# team policies\r\n---\r\na: 1 # keep me\r\n---\r\nc: 3\r\n',
    );
    expect(applyEdit(stream, removeDocument(stream, 0)!)).toBe(
      '# team policies\r\n---\r\nb: 2\r\n---\r\nc: 3\r\n',
    );
    expect(applyEdit('a: 1\n---\nb: 2\n', removeDocument('a: 1\n---\nb: 2\n', 0)!)).toBe(
      '---\nb: 2\n',
    );
    expect(removeDocument(stream, 7)).toBeNull();
  });

  it('applies several non-overlapping edits as one change and refuses overlaps', () => {
    const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
    const out = applyEdits(text, [
      replaceDocument(text, 0, 'a: 0')!,
      replaceDocument(text, 2, 'c: 0')!,
    ]);
    expect(out).toBe('a: 0\n---\nb: 2\n---\nc: 0\n');
    expect(() =>
      applyEdits(text, [
        { start: 0, end: 5, text: '' },
        { start: 3, end: 6, text: '' },
      ]),
    ).toThrow();
  });

  it('never touches other documents (property)', () => {
    const line = fc.stringMatching(/^[a-z]{1,5}: [a-z0-9 #]{0,8}$/);
    const doc = fc.array(line, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        fc.nat(),
        doc,
        (ds, eol, pick, replacement) => {
          const text = ds.map((d) => `---${eol}${d.replace(/\n/g, eol)}${eol}`).join('');
          const index = pick % ds.length;
          const before = docs(text);
          const out = applyEdit(text, replaceDocument(text, index, replacement)!);
          const after = docs(out);
          expect(after).toHaveLength(before.length);
          after.forEach((d, i) => {
            if (i !== index) expect(d).toBe(before[i]);
          });
          if (eol === '\r\n') expect(out.replace(/\r\n/g, '')).not.toMatch(/\n/);
          const removed = docs(applyEdit(text, removeDocument(text, index)!));
          expect(removed).toEqual(before.filter((_, i) => i !== index));
        },
      ),
    );
  });
});
