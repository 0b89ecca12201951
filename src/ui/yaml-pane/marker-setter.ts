// Sets one owner's markers on the model only when they differ from those it set last. Monaco
// redraws the decorations of every owner's markers on the model whenever any owner sets its own,
// even to the same list: at 5,000 workloads each parse's empty migration list cost ~17 ms that way.
import { monaco } from './monaco-setup.ts';

export interface MarkerSetter extends monaco.IDisposable {
  set(markers: readonly monaco.editor.IMarkerData[]): void;
}

export function markerSetter(model: monaco.editor.ITextModel, owner: string): MarkerSetter {
  let last: string | undefined;
  // A replaced text (setValue) drops the decorations the markers were drawn with: set them again.
  const flush = model.onDidChangeContent((e) => {
    if (e.isFlush) last = undefined;
  });
  return {
    set(markers) {
      const key = JSON.stringify(markers);
      if (key === last) return;
      last = key;
      monaco.editor.setModelMarkers(model, owner, [...markers]);
    },
    dispose() {
      flush.dispose();
      last = undefined;
    },
  };
}
