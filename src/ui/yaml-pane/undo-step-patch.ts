// Monaco's undo stack writes each step, once closed, into a byte array two bytes a character, one
// call per character: closing the step of a 2 MB paste took 25–140 ms in one task (the app's undo
// is the store's, but Monaco keeps its own stack). A closed step whose texts are large keeps them
// as strings instead: as small in memory, and turned into bytes only if Monaco's own undo, redo or
// heap count ever asks (they convert a step as they find it).
import {
  SingleModelEditStackData,
  SingleModelEditStackElement,
} from 'monaco-editor/esm/vs/editor/common/model/editStack.js';

interface Step {
  _data: unknown;
  /** Closed, its texts kept as strings. */
  _closedAsText?: boolean;
  close(): void;
  open(): void;
  canAppend(model: unknown): boolean;
}

/** Steps whose texts add up to at least this many characters stay strings when closed. */
export const KEEP_STEP_CHARS = 100_000;

const size = (data: SingleModelEditStackData) => {
  let n = 0;
  for (const c of data.changes) n += c.oldText.length + c.newText.length;
  return n;
};

export function keepLargeUndoSteps(): boolean {
  const proto = SingleModelEditStackElement.prototype as unknown as Step;
  const { close, open, canAppend } = proto;
  // Another Monaco version: leave it as it is (the versions are pinned).
  if (typeof close !== 'function' || typeof open !== 'function' || typeof canAppend !== 'function')
    return false;
  proto.close = function (this: Step) {
    if (this._data instanceof SingleModelEditStackData && size(this._data) >= KEEP_STEP_CHARS)
      this._closedAsText = true;
    else close.call(this);
  };
  proto.open = function (this: Step) {
    this._closedAsText = false;
    open.call(this);
  };
  proto.canAppend = function (this: Step, model: unknown) {
    return !this._closedAsText && canAppend.call(this, model);
  };
  return true;
}
