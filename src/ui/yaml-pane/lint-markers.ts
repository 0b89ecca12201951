// Lint findings on the text: markers with their own owner (beside the validation markers), and
// their quick fixes as Monaco code actions (the light bulb, Ctrl+.), applied through the store so
// a fix is one undo step like the Problems list's Fix button.
import type { LintFinding } from '../../engine/lint/types.ts';
import { applyQuickFix, lintStore } from '../../store/lint-store.ts';
import { workspaceStore } from '../../store/workspace-store.ts';
import { MODEL_URI, monaco } from './monaco-setup.ts';
import { markerSetter } from './marker-setter.ts';
import { keystrokeSized } from './marker-lines.ts';

export const LINT_MARKER_OWNER = 'netpol-lint';
const FIX_COMMAND = 'netpol.lintQuickFix';

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

function toMarker(f: LintFinding): monaco.editor.IMarkerData {
  return {
    // Infos (coverage, style) are hints: a dotted underline, not a squiggle over every namespace.
    severity: f.severity === 'info' ? monaco.MarkerSeverity.Hint : SEVERITY[f.severity],
    message: f.message,
    source: 'lint',
    code: f.rule,
    startLineNumber: f.line,
    startColumn: f.column,
    endLineNumber: f.endLine,
    endColumn: f.endLine === f.line && f.endColumn <= f.column ? f.column + 1 : f.endColumn,
    relatedInformation: (f.related ?? []).map((r) => ({
      resource: monaco.Uri.parse(MODEL_URI),
      message: r.message,
      startLineNumber: r.line,
      startColumn: r.column,
      endLineNumber: r.line,
      endColumn: r.column + 1,
    })),
  };
}

const touches = (f: LintFinding, range: monaco.Range) =>
  f.line <= range.endLineNumber && f.endLine >= range.startLineNumber;

/**
 * A whole cluster's dump can have thousands of findings (coverage hints on every workload):
 * Monaco redraws its decorations in one task, about 120 ms per thousand, so the text shows the
 * most severe few hundred; the Problems list has them all.
 */
export const MAX_LINT_MARKERS = 300;

const RANK = { error: 0, warning: 1, info: 2 } as const;

function mostSevere(findings: readonly LintFinding[]): readonly LintFinding[] {
  if (findings.length <= MAX_LINT_MARKERS) return findings;
  return [...findings]
    .sort((a, b) => RANK[a.severity] - RANK[b.severity])
    .slice(0, MAX_LINT_MARKERS);
}

/**
 * Keeps the model's lint markers on the findings of its current text, and offers each quick fix
 * where its finding is. Through typing (`keystrokeSized` edits of the user's), the markers of the
 * last lint stay where Monaco moved them until lint has read the new text; any other edit (a
 * paste, a block deleted, a replaced text, an edit from the store: a gesture, a fix, undo) clears
 * them, and so does a parse with YAML syntax errors (lint does not read broken YAML) or a failed
 * lint. `typedByStore` says whether the edit under way comes from the store. Returns what undoes
 * all of it, and `refresh`, for when the model catches up with a text the store had first (a
 * large paste).
 */
export function bindLintMarkers(
  model: monaco.editor.ITextModel,
  valueOf: (model: monaco.editor.ITextModel) => string,
  typedByStore: () => boolean = () => false,
): monaco.IDisposable & { refresh(): void } {
  const current = () => {
    const s = lintStore.getState();
    return s.text !== null && s.text === valueOf(model) ? s.findings : [];
  };
  const markers = markerSetter(model, LINT_MARKER_OWNER);
  const show = () => markers.set(mostSevere(current()).map(toMarker));
  show();
  const stopStore = lintStore.subscribe((s, prev) => {
    if (s.findings === prev.findings && s.text === prev.text && s.status === prev.status) return;
    // Findings of a text typed further since: those of the text now are coming (or its syntax
    // errors clear the markers, below); the markers shown stay until then.
    if (s.text !== null && s.status !== 'failed' && s.text !== valueOf(model)) return;
    show();
  });
  // Broken YAML is not linted: markers kept through typing would stay for as long as it is. A
  // text typed back to the one lint read is not linted again: its findings are shown again.
  const stopParse = workspaceStore.subscribe((s, prev) => {
    if (s.parsed === prev.parsed) return;
    if (s.parsed.hasSyntaxErrors) markers.set([]);
    else if (s.parsed.text === lintStore.getState().text) show();
  });
  // Markers of an older text sit on the wrong lines after a paste or a replaced text: clear them
  // as soon as the text changes so. A keystroke keeps them, as Monaco moved them, until lint
  // catches up (as an editor keeps a language server's diagnostics): clearing and setting again
  // ~300 markers redrew the editor twice more per keystroke (~15 ms at 5,000 workloads).
  const onEdit = model.onDidChangeContent((e) => {
    const change = e.changes.length === 1 ? e.changes[0] : undefined;
    if (!e.isFlush && !typedByStore() && change && keystrokeSized(change)) return;
    const linted = lintStore.getState().text;
    // Lengths first: each piece of a large paste (large-paste.ts) would read the whole text out.
    if (
      linted === null ||
      linted.length !== model.getValueLength(undefined, true) ||
      linted !== valueOf(model)
    )
      markers.set([]);
  });
  const command = monaco.editor.registerCommand(FIX_COMMAND, (_accessor, f: LintFinding) => {
    applyQuickFix(f);
  });
  const actions = monaco.languages.registerCodeActionProvider('yaml', {
    provideCodeActions(target, range) {
      if (target !== model) return { actions: [], dispose: () => {} };
      const list = current().filter((f) => f.quickFix && touches(f, range));
      return {
        actions: list.map((f) => ({
          title: `Fix: ${f.quickFix?.title ?? f.rule}`,
          kind: 'quickfix',
          diagnostics: [toMarker(f)],
          isPreferred: list.length === 1,
          command: { id: FIX_COMMAND, title: f.quickFix?.title ?? f.rule, arguments: [f] },
        })),
        dispose: () => {},
      };
    },
  });
  return {
    refresh: show,
    dispose: () => {
      stopStore();
      stopParse();
      onEdit.dispose();
      command.dispose();
      actions.dispose();
      markers.dispose();
      monaco.editor.setModelMarkers(model, LINT_MARKER_OWNER, []);
    },
  };
}

/** The rules of the lint markers on the model, for the e2e tests that read them off the host. */
export function lintMarkerCodes(uri: monaco.Uri): string {
  return monaco.editor
    .getModelMarkers({ resource: uri, owner: LINT_MARKER_OWNER })
    .map((m) => (typeof m.code === 'object' ? m.code.value : (m.code ?? '')))
    .join(',');
}
