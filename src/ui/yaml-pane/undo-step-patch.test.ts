import { describe, expect, it } from 'vitest';
import { SingleModelEditStackElement } from 'monaco-editor/esm/vs/editor/common/model/editStack.js';
import { TextChange } from 'monaco-editor/esm/vs/editor/common/core/textChange.js';
import { KEEP_STEP_CHARS, keepLargeUndoSteps } from './undo-step-patch.ts';

interface Step {
  _data: unknown;
  close(): void;
  open(): void;
  canAppend(model: unknown): boolean;
  append(model: unknown, changes: TextChange[], eol: number, version: number, cursor: null): void;
  undo(): void;
  redo(): void;
  heapSize(): number;
}

/** The little of a text model a step asks for, recording what undo and redo apply. */
function model() {
  const applied: { kind: string; texts: [string, string][] }[] = [];
  const record = (kind: string) => (changes: TextChange[]) =>
    applied.push({ kind, texts: changes.map((c) => [c.oldText, c.newText]) });
  return {
    applied,
    getAlternativeVersionId: () => 1,
    getEOL: () => '\n',
    _applyUndo: record('undo'),
    _applyRedo: record('redo'),
  };
}

function step(m: ReturnType<typeof model>, ...changes: TextChange[]): Step {
  const s = new SingleModelEditStackElement('Paste', 'paste', m, null) as unknown as Step;
  // One append a piece, as a paste in pieces makes them (Monaco merges them into one change).
  for (const c of changes) s.append(m, [c], 0, 2, null);
  return s;
}

const lines = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `${tag}-${i}: value ${i}\n`).join('');

describe('keepLargeUndoSteps', () => {
  expect(keepLargeUndoSteps()).toBe(true);

  it('closes a small step into bytes, as Monaco does', () => {
    const m = model();
    const s = step(m, new TextChange(0, 'a', 0, 'bc'));
    s.close();
    expect(s._data).toBeInstanceOf(ArrayBuffer);
    expect(s.canAppend(m)).toBe(false);
    s.open();
    expect(s.canAppend(m)).toBe(true);
  });

  it('closes a large step without writing it out, and it takes no more edits', () => {
    const m = model();
    const big = lines(20_000, 'k');
    expect(big.length).toBeGreaterThan(KEEP_STEP_CHARS);
    const s = step(m, new TextChange(0, 'old\n', 0, big));
    expect(s.canAppend(m)).toBe(true);
    s.close();
    expect(s._data).not.toBeInstanceOf(ArrayBuffer);
    expect(s.canAppend(m)).toBe(false);
    s.open();
    expect(s.canAppend(m)).toBe(true);
  });

  it('undoes and redoes a large step made of pieces with the exact texts', () => {
    const m = model();
    const pieces = [lines(9000, 'a'), lines(9000, 'b'), 'tail without a line break'];
    let at = 0;
    const changes = pieces.map((p, i) => {
      const c = new TextChange(at, i === 0 ? 'replaced\r\nselection' : '', at, p);
      at += p.length;
      return c;
    });
    const s = step(m, ...changes);
    s.close();
    expect(s.heapSize()).toBeGreaterThan(2 * pieces.join('').length);
    s.undo();
    s.redo();
    const whole: [string, string][] = [['replaced\r\nselection', pieces.join('')]];
    expect(m.applied).toEqual([
      { kind: 'undo', texts: whole },
      { kind: 'redo', texts: whole },
    ]);
  });
});
