// The YAML column: the lazily loaded Monaco editor (kept out of the initial bundle) above the
// problems list.
import { lazy, Suspense } from 'react';
import { ProblemsList } from '../problems/ProblemsList.tsx';
import { ChangesPanel } from '../changes/ChangesPanel.tsx';

const MonacoEditor = lazy(() =>
  import('./MonacoEditor.tsx').then((m) => ({ default: m.MonacoEditor })),
);

export function YamlPane({ onCollapse }: { readonly onCollapse: () => void }) {
  return (
    <section className="yaml-pane" aria-labelledby="yaml-pane-title">
      <div className="pane-header">
        <h2 id="yaml-pane-title" className="pane-title">
          workspace.yaml
        </h2>
        <span
          className="pane-hint"
          title="Tab indents in the editor; Ctrl+M (Ctrl+Shift+M on macOS) switches Tab to moving focus out of it"
        >
          Ctrl+M: Tab moves focus
        </span>
        <button
          type="button"
          className="tb-btn tb-icon"
          aria-label="Hide YAML editor"
          title="Hide YAML editor"
          onClick={onCollapse}
        >
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M10 4l-4 4 4 4" fill="none" stroke="currentColor" strokeWidth="1.5" />
          </svg>
        </button>
      </div>
      <div className="editor-slot">
        <Suspense fallback={<div className="editor-loading">Loading the editor…</div>}>
          <MonacoEditor />
        </Suspense>
      </div>
      <ProblemsList />
      <ChangesPanel />
    </section>
  );
}
