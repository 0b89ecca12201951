// Sets one owner's markers on the model only when they differ from those it set last. Monaco
// redraws the decorations of every owner's markers on the model whenever any owner sets its own,
// even to the same list: at 5,000 workloads each parse's empty migration list cost ~17 ms that way.
import { monaco } from './monaco-setup.ts';
import { linesAfter } from './marker-lines.ts';
import type { LineSpan } from './marker-lines.ts';

export interface MarkerSetter extends monaco.IDisposable {
  set(markers: readonly monaco.editor.IMarkerData[]): void;
}

export function markerSetter(model: monaco.editor.ITextModel, owner: string): MarkerSetter {
  let last: string | undefined;
  /** Where the markers last set stand now, as Monaco moved them with the edits since. */
  let lines: readonly LineSpan[] = [];
  // Monaco moves the markers' decorations with edits elsewhere; an edit of their lines may have
  // shrunk or moved them, and a replaced text (setValue) drops them: then they are set again,
  // even when they read the same.
  const edits = model.onDidChangeContent((e) => {
    const moved = e.isFlush ? null : linesAfter(lines, e.changes);
    if (moved) lines = moved;
    else last = undefined;
  });
  return {
    set(markers) {
      const key = JSON.stringify(markers);
      if (key === last) return;
      last = key;
      lines = markers;
      monaco.editor.setModelMarkers(model, owner, [...markers]);
    },
    dispose() {
      edits.dispose();
      last = undefined;
    },
  };
}
