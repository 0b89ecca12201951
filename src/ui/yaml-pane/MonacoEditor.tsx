// The Monaco editor bound to the store's text (loaded lazily: Monaco is most of the app's bytes).
// The store owns the text and the undo history; Monaco is a view that reports keystrokes.
import { useEffect, useRef } from 'react';
import { workspaceStore } from '../../store/workspace-store.ts';
import type { WorkspaceState } from '../../store/workspace-store.ts';
import type { Diagnostic } from '../../model/types.ts';
import { MARKER_OWNER, MODEL_URI, monaco } from './monaco-setup.ts';
import { minimalReplacement } from './text-diff.ts';

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

function toMarker(d: Diagnostic): monaco.editor.IMarkerData {
  return {
    severity: SEVERITY[d.severity],
    message: d.message,
    source: 'netpol-canvas',
    code: d.code,
    startLineNumber: d.line,
    startColumn: d.column,
    endLineNumber: d.endLine,
    endColumn: d.endLine === d.line && d.endColumn <= d.column ? d.column + 1 : d.endColumn,
  };
}

export function MonacoEditor() {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    const store = workspaceStore;
    const uri = monaco.Uri.parse(MODEL_URI);
    const initial = store.getState().text;
    // StrictMode mounts twice: reuse a model left by the first mount, and dispose everything below.
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(initial, 'yaml', uri);
    if (model.getValue() !== initial) model.setValue(initial);
    model.updateOptions({ tabSize: 2, insertSpaces: true });
    const editor = monaco.editor.create(el, {
      model,
      theme: 'netpol-light',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineHeight: 20,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      fixedOverflowWidgets: true,
      ariaLabel: 'Workspace YAML',
      padding: { top: 8 },
      quickSuggestions: { other: true, strings: true, comments: false },
    });

    let applyingExternal = false;
    const disposables: monaco.IDisposable[] = [];

    // Monaco normalises mixed line breaks; adopt its text once so the two never disagree forever.
    if (model.getValue() !== initial) store.getState().setText(model.getValue());

    disposables.push(
      model.onDidChangeContent(() => {
        if (!applyingExternal) store.getState().setText(model.getValue());
      }),
    );

    // Undo is the store's (it also covers canvas gestures), not Monaco's own stack.
    const K = monaco.KeyMod;
    const C = monaco.KeyCode;
    disposables.push(
      editor.addAction({
        id: 'netpol.undo',
        label: 'Undo',
        keybindings: [K.CtrlCmd | C.KeyZ],
        run: () => store.getState().undo(),
      }),
      editor.addAction({
        id: 'netpol.redo',
        label: 'Redo',
        keybindings: [K.CtrlCmd | K.Shift | C.KeyZ, K.CtrlCmd | C.KeyY],
        run: () => store.getState().redo(),
      }),
    );

    const applyExternal = (text: string) => {
      const rep = minimalReplacement(model.getValue(), text);
      if (!rep) return;
      const a = model.getPositionAt(rep.start);
      const b = model.getPositionAt(rep.end);
      applyingExternal = true;
      try {
        editor.executeEdits('netpol-canvas', [
          {
            range: new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column),
            text: rep.text,
            forceMoveMarkers: true,
          },
        ]);
        if (model.getValue() !== text) model.setValue(text);
      } finally {
        applyingExternal = false;
      }
    };

    const setMarkers = () => {
      markerFrame = 0;
      const s = store.getState();
      // Markers of an older text would sit on the wrong lines; wait for the parse to catch up.
      if (s.parsed.text !== model.getValue()) return;
      monaco.editor.setModelMarkers(model, MARKER_OWNER, s.parsed.diagnostics.map(toMarker));
    };
    // After the next paint: a canvas gesture's highlight should not wait for the editor's markers.
    let markerFrame = 0;
    const showMarkers = () => {
      if (markerFrame === 0)
        markerFrame = requestAnimationFrame(() => (markerFrame = window.setTimeout(setMarkers, 0)));
    };
    setMarkers();

    const reveal = (r: NonNullable<WorkspaceState['reveal']>) => {
      const range = new monaco.Range(r.line, r.column, r.endLine, r.endColumn);
      editor.revealRangeInCenterIfOutsideViewport(range);
      editor.setSelection(range);
      editor.focus();
    };

    const unsubscribe = store.subscribe((s, prev) => {
      if (s.text !== prev.text && s.text !== model.getValue()) applyExternal(s.text);
      if (s.parsed !== prev.parsed) showMarkers();
      if (s.reveal && s.reveal !== prev.reveal) reveal(s.reveal);
    });

    // The YAML worker's marker count, for the e2e canary that watches monaco-yaml stay alive.
    disposables.push(
      monaco.editor.onDidChangeMarkers(() => {
        const own = monaco.editor.getModelMarkers({ resource: uri, owner: 'yaml' });
        el.dataset['yamlMarkers'] = String(own.length);
      }),
    );

    return () => {
      cancelAnimationFrame(markerFrame);
      clearTimeout(markerFrame);
      unsubscribe();
      for (const d of disposables) d.dispose();
      editor.dispose();
      model.dispose();
    };
  }, []);

  // `nokey`: React Flow's document-level keys (Space to pan, Delete) must never act on typing here.
  return <div ref={host} className="monaco-host nokey" data-testid="yaml-editor" />;
}
