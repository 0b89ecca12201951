// A large paste into the editor, inserted in pieces over several tasks (see paste-pieces.ts)
// instead of by Monaco's paste handler in one. It ends as Monaco's paste does: the selection
// replaced, the cursor after the pasted text and shown; one step of Monaco's undo stack. The pane
// hears of the text it will hold once, before the first piece, so that reading it (in a worker)
// and inserting it go on side by side. Any input meanwhile (a key, a pointer, a drop) first
// finishes the paste at once, so it acts on the whole pasted text.
import { monaco } from './monaco-setup.ts';
import { LARGE_PASTE, PASTE_PIECE, PieceFeeder, textAfterPaste } from './paste-pieces.ts';

export interface LargePasteHooks {
  /** Before the first piece, in a task of its own: the text the model will hold, BOM included. */
  announce(text: string): void;
  /** After the last piece, with the pasted text as the clipboard gave it. */
  end(pasted: string): void;
}

export interface LargePaste extends monaco.IDisposable {
  /** A paste is under way. */
  readonly active: () => boolean;
  /** Inserts what is left of a paste under way now. */
  readonly finish: () => void;
  /** Stops a paste under way where it is (the text changed under it); `end` is not called. */
  readonly abandon: () => void;
}

/** Input that first finishes a paste under way. */
const INPUT_EVENTS = ['keydown', 'pointerdown', 'mousedown', 'drop', 'cut', 'compositionstart'];

/**
 * Runs `run` in a task of its own soon: a message to itself, since timeouts set from timeouts wait
 * at least 4 ms each after the fifth (a 5,000-workload paste has some 30 pieces).
 */
function nextTask(run: () => void): () => void {
  const channel = new MessageChannel();
  let live = true;
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (live) run();
  };
  channel.port2.postMessage(null);
  return () => {
    live = false;
    channel.port1.close();
  };
}

/** Takes over pastes of LARGE_PASTE characters or more into `editor`, whose DOM is in `host`. */
export function bindLargePaste(
  editor: monaco.editor.IStandaloneCodeEditor,
  host: HTMLElement,
  hooks: LargePasteHooks,
): LargePaste {
  let feeder: PieceFeeder | null = null;
  const finish = () => feeder?.flush();

  const start = (text: string, model: monaco.editor.ITextModel, selection: monaco.Selection) => {
    let at = selection.getStartPosition();
    model.pushStackElement();
    const current = new PieceFeeder(
      text,
      {
        prepare() {
          const value = model.getValue();
          const bom = model.getValueLength(undefined, true) > value.length ? '\uFEFF' : '';
          const from = model.getOffsetAt(selection.getStartPosition());
          const to = model.getOffsetAt(selection.getEndPosition());
          hooks.announce(bom + textAfterPaste(value, from, to, text, model.getEOL()));
        },
        insert(piece, first) {
          const range = first ? selection : monaco.Range.fromPositions(at);
          editor.executeEdits('paste', [{ range, text: piece }], (inverse) => {
            at = inverse[0]?.range.getEndPosition() ?? at;
            return [monaco.Selection.fromPositions(at)];
          });
        },
        done() {
          feeder = null;
          model.pushStackElement();
          editor.setSelection(monaco.Selection.fromPositions(at));
          editor.revealPosition(at);
          hooks.end(text);
        },
      },
      { clearFirst: model.getValueLengthInRange(selection) >= PASTE_PIECE, later: nextTask },
    );
    feeder = current;
    current.start();
  };

  const onPaste = (e: ClipboardEvent) => {
    if (!(e.target instanceof Node) || !host.contains(e.target)) return;
    finish();
    const model = editor.getModel();
    const selections = editor.getSelections() ?? [];
    const selection = selections[0];
    // Several cursors share the lines out between them; a read-only editor takes nothing. Both
    // are Monaco's, as is any paste while the focus is in one of its widgets (the find box).
    if (!model || !selection || selections.length > 1 || !editor.hasTextFocus()) return;
    if (editor.getOption(monaco.editor.EditorOption.readOnly)) return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (text.length < LARGE_PASTE) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    start(text, model, selection);
  };
  const onInput = () => {
    if (feeder) finish();
  };

  document.addEventListener('paste', onPaste, true);
  for (const type of INPUT_EVENTS) document.addEventListener(type, onInput, true);
  return {
    active: () => feeder !== null,
    finish,
    abandon: () => {
      if (!feeder) return;
      feeder.cancel();
      feeder = null;
      editor.getModel()?.pushStackElement();
    },
    dispose: () => {
      feeder?.cancel();
      feeder = null;
      document.removeEventListener('paste', onPaste, true);
      for (const type of INPUT_EVENTS) document.removeEventListener(type, onInput, true);
    },
  };
}
