import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MirrorTextModel } from 'monaco-editor/esm/vs/editor/common/model/mirrorTextModel.js';

// Monaco's own insert, kept before the patch replaces it: the reference for small and large blocks.
const proto = MirrorTextModel.prototype as unknown as Record<string, unknown>;
const monacoInsert = proto['_acceptInsertText'];
const { patchMirrorModel } = await import('./mirror-model-patch.ts');

interface Internals {
  _ensureLineStarts(): void;
  _lineStarts: { getPrefixSum(index: number): number };
  _lines: string[];
}

/** A mirror of `text` with its line starts computed (so their update is exercised too). */
function mirror(text: string): MirrorTextModel {
  const m = new MirrorTextModel(null, text.split('\n'), '\n', 1);
  (m as unknown as Internals)._ensureLineStarts();
  return m;
}

function lineStarts(m: MirrorTextModel): number[] {
  const i = m as unknown as Internals;
  return i._lines.map((_, k) => i._lineStarts.getPrefixSum(k));
}

function insertAt(m: MirrorTextModel, line: number, column: number, text: string): void {
  m.onEvents({
    changes: [
      {
        range: {
          startLineNumber: line,
          startColumn: column,
          endLineNumber: line,
          endColumn: column,
        },
        text,
      },
    ],
    versionId: 2,
  });
}

describe('the workers’ mirror of the text', () => {
  it('is patched in this Monaco version', () => {
    expect(typeof monacoInsert).toBe('function');
    expect(proto['_acceptInsertText']).not.toBe(monacoInsert);
    // Patching again still gives the same text (idempotent in effect).
    expect(patchMirrorModel()).toBe(true);
  });

  it('inserts blocks of any size exactly as Monaco did, line starts included', () => {
    const lineText = fc.stringMatching(/^[a-z: -]{0,12}$/);
    fc.assert(
      fc.property(
        fc.array(lineText, { minLength: 1, maxLength: 20 }),
        fc.array(lineText, { minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom('\n', '\r\n'),
        (initial, block, lineSeed, columnSeed, eol) => {
          const text = initial.join('\n');
          const line = (lineSeed % initial.length) + 1;
          const column = (columnSeed % ((initial[line - 1] ?? '').length + 1)) + 1;
          const insert = block.join(eol);
          const patched = mirror(text);
          insertAt(patched, line, column, insert);
          const reference = mirror(text);
          (reference as unknown as Record<string, unknown>)['_acceptInsertText'] = monacoInsert;
          insertAt(reference, line, column, insert);
          expect(patched.getText()).toBe(reference.getText());
          expect(lineStarts(patched)).toEqual(lineStarts(reference));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes a whole-workspace paste into a one-line text', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `  line-${i}: value`);
    const m = mirror('');
    insertAt(m, 1, 1, lines.join('\n'));
    expect(m.getText()).toBe(lines.join('\n'));
    // Each line's length with its line break, summed: the whole text and one break.
    expect(lineStarts(m).at(-1)).toBe(lines.join('\n').length + 1);
  });
});
