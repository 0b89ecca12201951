// Monaco 0.54's workers (the YAML worker, the editor worker) keep a mirror of the editor's text and
// insert a pasted block into it one line at a time with Array.splice: O(lines × text), ~6 s of a
// core in the YAML worker for 5,000 workloads pasted, on the core the canvas's reader needs. The
// same lines in one pass. Imported first by each worker entry.
import { MirrorTextModel } from 'monaco-editor/esm/vs/editor/common/model/mirrorTextModel.js';

interface Mirror {
  _lines: string[];
  _eol: string;
  _lineStarts: { insertValues(at: number, values: Uint32Array): void } | null;
  _setLineText(index: number, value: string): void;
  _acceptInsertText(position: { lineNumber: number; column: number }, text: string): void;
}

/** Blocks shorter than this go through Monaco's own code (a keystroke, a small paste). */
const LINES_FOR_ONE_PASS = 64;

export function patchMirrorModel(): boolean {
  const proto = MirrorTextModel.prototype as unknown as Mirror;
  const own = proto._acceptInsertText;
  // Another Monaco version: leave it as it is (the versions are pinned).
  if (typeof own !== 'function' || own.length !== 2) return false;
  proto._acceptInsertText = function (this: Mirror, position, text) {
    const lines = text.split(/\r\n|\r|\n/);
    if (lines.length < LINES_FOR_ONE_PASS) {
      own.call(this, position, text);
      return;
    }
    const at = position.lineNumber - 1;
    const line = this._lines[at] ?? '';
    const last = lines.length - 1;
    lines[last] += line.substring(position.column - 1);
    this._setLineText(at, line.substring(0, position.column - 1) + lines[0]);
    // The lines after the insertion point, moved once instead of once per inserted line.
    const tail = this._lines.splice(position.lineNumber);
    const lengths = new Uint32Array(last);
    for (let i = 1; i <= last; i++) {
      const inserted = lines[i] ?? '';
      this._lines.push(inserted);
      lengths[i - 1] = inserted.length + this._eol.length;
    }
    for (const rest of tail) this._lines.push(rest);
    this._lineStarts?.insertValues(position.lineNumber, lengths);
  };
  return true;
}

patchMirrorModel();
