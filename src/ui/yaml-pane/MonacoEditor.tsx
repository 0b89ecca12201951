// The Monaco editor bound to the store's text (loaded lazily: Monaco is most of the app's bytes).
// The store owns the text and the undo history; Monaco is a view that reports keystrokes.
import { useEffect, useRef } from 'react';
import { workspaceStore } from '../../store/workspace-store.ts';
import type { WorkspaceState } from '../../store/workspace-store.ts';
import type { Diagnostic } from '../../model/types.ts';
import { currentColorScheme, useColorScheme } from '../use-color-scheme.ts';
import {
  LARGE_YAML,
  MARKER_OWNER,
  MODEL_URI,
  MONACO_THEME,
  YAML_SERVICES_MAX_LENGTH,
  monaco,
} from './monaco-setup.ts';
import { minimalReplacement } from './text-diff.ts';
import { describeLineBreakChange, nestingBound } from './text-facts.ts';
import { bindLintMarkers, lintMarkerCodes } from './lint-markers.ts';
import { bindMigrationMarkers } from './migration-markers.ts';
import { markerSetter } from './marker-setter.ts';
import { bindLargePaste } from './large-paste.ts';

/**
 * Texts nested deeper than this (an upper bound, see nestingBound) are not handed to monaco-yaml:
 * its worker recurses per level and overflows its stack. The app's own reader reports the depth.
 */
const YAML_SERVICES_MAX_NESTING = 500;
/** A large text has no YAML services (see YAML_SERVICES_MAX_LENGTH), so its depth is no danger. */
const languageFor = (text: string) =>
  text.length > YAML_SERVICES_MAX_LENGTH
    ? LARGE_YAML
    : nestingBound(text) > YAML_SERVICES_MAX_NESTING
      ? 'plaintext'
      : 'yaml';

/**
 * What a text above the YAML services' limit (5,000 workloads) goes without, as VS Code's
 * large-file mode: the sticky lines and folding, whose indentation ranges were each recomputed
 * over the whole text after every change (over 100 ms a keystroke each), the matching-bracket
 * highlight, which parsed every bracket of the text when the cursor moved (~0.3 s after a paste),
 * and the word occurrences and word suggestions, which scan the text.
 */
const sizeOptions = (
  model: monaco.editor.ITextModel,
): monaco.editor.IEditorOptions & monaco.editor.IGlobalEditorOptions => {
  const large = model.getLanguageId() === LARGE_YAML;
  return {
    stickyScroll: { enabled: !large, defaultModel: 'indentationModel' },
    folding: !large,
    matchBrackets: large ? 'never' : 'always',
    occurrencesHighlight: large ? 'off' : 'singleFile',
    wordBasedSuggestions: large ? 'off' : 'matchingDocuments',
  };
};

/** The model's text with its byte order mark, which Monaco keeps aside. */
/**
 * The model's text, built once per version: Monaco joins its pieces anew at every `getValue`
 * (~8 ms at 5 MB), and a keystroke asks several times (the store, each kind of marker).
 */
const values = new WeakMap<monaco.editor.ITextModel, { version: number; text: string }>();
const valueOf = (model: monaco.editor.ITextModel): string => {
  const version = model.getVersionId();
  const known = values.get(model);
  if (known?.version === version) return known.text;
  const text = model.getValue(undefined, true);
  values.set(model, { version, text });
  return text;
};

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
    const model =
      monaco.editor.getModel(uri) ?? monaco.editor.createModel(initial, languageFor(initial), uri);
    // The model's own options. Monaco resets them from its defaults when the language changes.
    const ownOptions = () =>
      model.updateOptions({
        tabSize: 2,
        insertSpaces: true,
        // The editor option below does not reach the model, whose colouring then parsed every
        // bracket of the text for the first render after a paste (~0.3 s at 5,000 workloads).
        bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false },
      });
    const guard = (text: string) => {
      const language = languageFor(text);
      if (model.getLanguageId() === language) return;
      // Before monaco-yaml's (delayed) validation runs: it then never sees the text.
      monaco.editor.setModelLanguage(model, language);
      ownOptions();
      if (language !== 'yaml') monaco.editor.setModelMarkers(model, 'yaml', []);
    };
    guard(initial);
    if (valueOf(model) !== initial) model.setValue(initial);
    ownOptions();
    const editor = monaco.editor.create(el, {
      model,
      theme: MONACO_THEME[currentColorScheme()],
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
      // U+2028/U+2029 are the user's characters: no blocking prompt offering to delete them.
      unusualLineTerminators: 'off',
      // YAML's structure is its indentation: the same sticky lines without asking the worker for
      // every document symbol of the text (a 200 ms task at 1,000 workloads, after every edit).
      ...sizeOptions(model),
      // The outermost regions (documents, their top keys) are the ones people fold; each region is
      // a decoration, and 5,000 of them cost the main thread ~200 ms after every edit. YAML folds
      // by indentation: computed here in one pass, not listed by the worker and merged.
      foldingMaximumRegions: 1000,
      foldingStrategy: 'indentation',
      // Brackets are rare in YAML: no tree of bracket pairs over the whole text for colours.
      bracketPairColorization: { enabled: false },
      // No colour swatches: Kubernetes YAML names no colours, and finding them took the editor
      // worker a pass over the whole text after every change.
      colorDecorators: false,
    });

    let applyingExternal = false;
    // A large paste under way (large-paste.ts): its partial texts are not the store's, which is
    // given the whole text before the first piece (`announcing` while it is).
    let pasting = false;
    let announcing = false;
    const disposables: monaco.IDisposable[] = [];

    // Monaco holds one kind of line break: when it changed some, adopt its text (so the two never
    // disagree) and say exactly what changed.
    const adopt = (before: string) => {
      const after = valueOf(model);
      if (after === before) return;
      const what = describeLineBreakChange(before, after);
      store
        .getState()
        .notify(
          `The editor changed the text: ${what ?? 'its line breaks were normalised'}.`,
          'error',
        );
      store.getState().setText(after);
    };
    adopt(initial);

    const onEdit = () => {
      const text = valueOf(model);
      const language = model.getLanguageId();
      guard(text);
      if (model.getLanguageId() !== language) editor.updateOptions(sizeOptions(model));
      if (!applyingExternal) store.getState().setText(text);
    };
    disposables.push(
      model.onDidChangeContent(() => {
        if (!pasting) onEdit();
      }),
    );

    // Pasted line breaks take the file's kind: say so when that changed what was pasted.
    const noticeLineBreaks = (before: string) => {
      // The usual case, said without copying a large paste: nothing to convert.
      if (model.getEOL() === '\n' && !before.includes('\r')) return;
      const what = describeLineBreakChange(before, before.replace(/\r\n|\r|\n/g, model.getEOL()));
      if (what) store.getState().notify(`Pasted with changes: ${what}.`);
    };
    let pasted: string | null = null;
    // Bound before the listener below: a large paste it takes over does not reach that one.
    const largePaste = bindLargePaste(editor, el, {
      announce(text) {
        pasting = true;
        // The language of the text to come, before its first piece reaches monaco-yaml's worker.
        const language = model.getLanguageId();
        guard(text);
        if (model.getLanguageId() !== language) editor.updateOptions(sizeOptions(model));
        announcing = true;
        try {
          store.getState().setText(text);
        } finally {
          announcing = false;
        }
      },
      end(text) {
        pasting = false;
        pasted = null;
        // The announced text is the model's unless Monaco pasted otherwise: then its text it is.
        onEdit();
        noticeLineBreaks(text);
        // Markers for the announced text that came before the model had it all.
        showMarkers();
        lintMarkers.refresh();
        migrationMarkers.refresh();
      },
    });
    disposables.push(largePaste);
    const onPaste = (e: ClipboardEvent) => {
      if (e.target instanceof Node && el.contains(e.target))
        pasted = e.clipboardData?.getData('text/plain') ?? null;
    };
    document.addEventListener('paste', onPaste, true);
    disposables.push(
      { dispose: () => document.removeEventListener('paste', onPaste, true) },
      editor.onDidPaste((e) => {
        const before = e.clipboardEvent?.clipboardData?.getData('text/plain') || pasted;
        pasted = null;
        if (before) noticeLineBreaks(before);
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
        run: () => {
          largePaste.finish();
          store.getState().undo();
        },
      }),
      editor.addAction({
        id: 'netpol.redo',
        label: 'Redo',
        keybindings: [K.CtrlCmd | K.Shift | C.KeyZ, K.CtrlCmd | C.KeyY],
        run: () => {
          largePaste.finish();
          store.getState().redo();
        },
      }),
    );

    const applyExternal = (text: string) => {
      // A byte order mark is kept aside by Monaco: offsets below are those of the text without it.
      const bom = (t: string) => t.charCodeAt(0) === 0xfeff;
      if (bom(text) !== bom(valueOf(model))) {
        applyingExternal = true;
        try {
          model.setValue(text);
        } finally {
          applyingExternal = false;
        }
        adopt(text);
        return;
      }
      const rep = minimalReplacement(model.getValue(), bom(text) ? text.slice(1) : text);
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
        if (valueOf(model) !== text) model.setValue(text);
      } finally {
        applyingExternal = false;
      }
      adopt(text);
    };

    const diagnostics = markerSetter(model, MARKER_OWNER);
    disposables.push(diagnostics);
    const setMarkers = () => {
      markerFrame = 0;
      const s = store.getState();
      // Markers of an older text would sit on the wrong lines; wait for the parse to catch up.
      if (s.parsed.text !== valueOf(model)) return;
      diagnostics.set(s.parsed.diagnostics.map(toMarker));
    };
    // After the next paint: a canvas gesture's highlight should not wait for the editor's markers.
    let markerFrame = 0;
    const showMarkers = () => {
      if (markerFrame === 0)
        markerFrame = requestAnimationFrame(() => (markerFrame = window.setTimeout(setMarkers, 0)));
    };
    setMarkers();
    const lintMarkers = bindLintMarkers(model, valueOf, () => applyingExternal);
    const migrationMarkers = bindMigrationMarkers(model, valueOf);
    disposables.push(lintMarkers, migrationMarkers);

    const reveal = (r: NonNullable<WorkspaceState['reveal']>) => {
      const range = new monaco.Range(r.line, r.column, r.endLine, r.endColumn);
      editor.revealRangeInCenterIfOutsideViewport(range);
      editor.setSelection(range);
      editor.focus();
    };

    const unsubscribe = store.subscribe((s, prev) => {
      // Changed under a paste by something other than input (which finishes the paste first):
      // the store's text wins, the rest of the paste is dropped, and the user is told.
      const stopped = s.text !== prev.text && largePaste.active() && !announcing;
      if (stopped) {
        largePaste.abandon();
        pasting = false;
      }
      if (s.text !== prev.text && !pasting && s.text !== valueOf(model)) applyExternal(s.text);
      if (stopped) s.notify('The paste stopped: the text changed before it was all in.', 'error');
      if (s.parsed !== prev.parsed) showMarkers();
      if (s.reveal && s.reveal !== prev.reveal) reveal(s.reveal);
    });

    // The YAML worker's marker count, for the e2e canary that watches monaco-yaml stay alive.
    disposables.push(
      monaco.editor.onDidChangeMarkers(() => {
        const own = monaco.editor.getModelMarkers({ resource: uri, owner: 'yaml' });
        el.dataset['yamlMarkers'] = String(own.length);
        el.dataset['lintMarkers'] = lintMarkerCodes(uri);
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

  // Monaco's theme is global and not CSS: follow the system setting by hand.
  const scheme = useColorScheme();
  useEffect(() => monaco.editor.setTheme(MONACO_THEME[scheme]), [scheme]);

  // `nokey`: React Flow's document-level keys (Space to pan, Delete) must never act on typing here.
  return <div ref={host} className="monaco-host nokey" data-testid="yaml-editor" />;
}
