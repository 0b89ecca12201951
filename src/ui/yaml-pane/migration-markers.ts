// The deprecated v1alpha1 Admin/BaselineAdminNetworkPolicy warnings on the text (their `kind:`
// line), with the migration to v1alpha2 as a Monaco quick fix (light bulb, Ctrl+.): the same
// one-click rewrite as the Problems list's Migrate button, one undo step.
import { migrateClusterPolicy, migrationOffers } from '../../store/cluster-gestures.ts';
import type { MigrationOffer } from '../../store/cluster-gestures.ts';
import { workspaceStore } from '../../store/workspace-store.ts';
import { monaco } from './monaco-setup.ts';
import { markerSetter } from './marker-setter.ts';

export const MIGRATION_MARKER_OWNER = 'netpol-migrate';
const MIGRATE_COMMAND = 'netpol.migrateClusterPolicy';

function toMarker(o: MigrationOffer): monaco.editor.IMarkerData {
  const { range } = o;
  return {
    severity: monaco.MarkerSeverity.Warning,
    message: o.message,
    source: 'netpol-canvas',
    code: 'cnp-v1alpha1',
    startLineNumber: range.line,
    startColumn: range.column,
    endLineNumber: range.endLine,
    endColumn:
      range.endLine === range.line && range.endColumn <= range.column
        ? range.column + 1
        : range.endColumn,
  };
}

/**
 * Keeps the warnings on the parse of the model's text; offers each migration where it is.
 * `refresh` shows them again when the model catches up with the store's text (a large paste).
 */
export function bindMigrationMarkers(
  model: monaco.editor.ITextModel,
  valueOf: (model: monaco.editor.ITextModel) => string,
): monaco.IDisposable & { refresh(): void } {
  const current = () => {
    const { parsed } = workspaceStore.getState();
    return parsed.text === valueOf(model) ? migrationOffers(parsed) : [];
  };
  const markers = markerSetter(model, MIGRATION_MARKER_OWNER);
  const show = () => markers.set(current().map(toMarker));
  show();
  const stop = workspaceStore.subscribe((s, prev) => {
    if (s.parsed !== prev.parsed) show();
  });
  const command = monaco.editor.registerCommand(MIGRATE_COMMAND, (_accessor, id: string) => {
    migrateClusterPolicy(id);
  });
  const actions = monaco.languages.registerCodeActionProvider('yaml', {
    provideCodeActions(target, range) {
      if (target !== model) return { actions: [], dispose: () => {} };
      const here = current().filter(
        (o) =>
          o.blocked === null &&
          o.range.line <= range.endLineNumber &&
          o.range.endLine >= range.startLineNumber,
      );
      return {
        actions: here.map((o) => ({
          title: `Migrate ${o.name} to v1alpha2 (ClusterNetworkPolicy)`,
          kind: 'quickfix',
          diagnostics: [toMarker(o)],
          isPreferred: here.length === 1,
          command: { id: MIGRATE_COMMAND, title: 'Migrate to v1alpha2', arguments: [o.id] },
        })),
        dispose: () => {},
      };
    },
  });
  return {
    refresh: show,
    dispose: () => {
      stop();
      command.dispose();
      actions.dispose();
      markers.dispose();
      monaco.editor.setModelMarkers(model, MIGRATION_MARKER_OWNER, []);
    },
  };
}
