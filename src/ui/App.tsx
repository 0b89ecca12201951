// The editor shell: toolbar on top; YAML pane, canvas and side panel side by side; dialogs,
// messages and the drop target over everything.
import { useCallback, useRef, useState } from 'react';
import type { ComponentType } from 'react';
import { workspaceStore } from '../store/workspace-store.ts';
import { isDisposableText } from './examples/examples.ts';
import { NoticeToast } from './problems/NoticeToast.tsx';
import { GestureCheckDialog } from './problems/GestureCheckDialog.tsx';
import { SyntaxBanner } from './problems/SyntaxBanner.tsx';
import { Toolbar } from './toolbar/Toolbar.tsx';
import { useHistoryShortcuts } from './toolbar/use-history-shortcuts.ts';
import { ChoiceDialog } from './workspace-io/ChoiceDialog.tsx';
import { DropZone } from './workspace-io/DropZone.tsx';
import { StorageBanner } from './workspace-io/StorageBanner.tsx';
import { ACCEPT_ATTRIBUTE } from './workspace-io/read-import.ts';
import { useImport } from './workspace-io/use-import.tsx';
import { ViewTabs } from './matrix/ViewTabs.tsx';
import { PaneResizer } from './yaml-pane/PaneResizer.tsx';
import { YamlPane } from './yaml-pane/YamlPane.tsx';

// The canvas and side panel come from another part of the UI; until they exist the shell still
// builds and shows placeholders (a glob that matches nothing is an empty record).
type Slot = Record<string, ComponentType | undefined>;
const canvasModules = import.meta.glob<Slot>('./canvas/CanvasView.tsx', { eager: true });
const panelModules = import.meta.glob<Slot>('./panels/SidePanel.tsx', { eager: true });
const CanvasView = Object.values(canvasModules)[0]?.['CanvasView'] ?? CanvasPlaceholder;
const SidePanel = Object.values(panelModules)[0]?.['SidePanel'] ?? null;

function CanvasPlaceholder() {
  return <div className="canvas-placeholder">The canvas is on its way.</div>;
}

type Replace = { readonly title: string; readonly yaml: string };

export function App() {
  const [yamlOpen, setYamlOpen] = useState(true);
  const [yamlWidth, setYamlWidth] = useState(() =>
    Math.round(Math.min(520, Math.max(320, window.innerWidth * 0.28))),
  );
  const [replacing, setReplacing] = useState<Replace | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const { importFiles, dialog: importDialog } = useImport();
  useHistoryShortcuts();

  const replace = useCallback((next: Replace) => {
    if (isDisposableText(workspaceStore.getState().text))
      workspaceStore.getState().newWorkspace(next.yaml);
    else setReplacing(next);
  }, []);

  const maxWidth = Math.max(400, Math.round(window.innerWidth * 0.6));

  return (
    <div className="app">
      <nav className="skip-links" aria-label="Skip links">
        <a href="#canvas-area">Skip to the canvas</a>
        <a href="#side-panel">Skip to the inspector</a>
      </nav>
      <Toolbar
        onNew={() => replace({ title: 'New workspace', yaml: '' })}
        onImport={() => fileInput.current?.click()}
        onExample={(yaml, title) => replace({ title, yaml })}
        yamlOpen={yamlOpen}
        onToggleYaml={() => setYamlOpen(!yamlOpen)}
      />
      <div
        className="workbench"
        style={{ gridTemplateColumns: yamlOpen ? `${yamlWidth}px 6px 1fr auto` : '1fr auto' }}
      >
        {yamlOpen && (
          <>
            <YamlPane onCollapse={() => setYamlOpen(false)} />
            <PaneResizer width={yamlWidth} min={280} max={maxWidth} onResize={setYamlWidth} />
          </>
        )}
        <main className="canvas-area" id="canvas-area" tabIndex={-1} aria-label="Canvas">
          <StorageBanner />
          <SyntaxBanner />
          <div className="canvas-slot">
            <ViewTabs canvas={<CanvasView />} />
          </div>
        </main>
        {SidePanel && (
          <div className="side-panel-slot" id="side-panel" tabIndex={-1}>
            <SidePanel />
          </div>
        )}
      </div>
      <NoticeToast />
      <GestureCheckDialog />
      <DropZone onFiles={importFiles} />
      <input
        ref={fileInput}
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        multiple
        hidden
        aria-hidden="true"
        tabIndex={-1}
        onChange={(e) => {
          importFiles([...(e.currentTarget.files ?? [])]);
          e.currentTarget.value = '';
        }}
      />
      {importDialog}
      {replacing && (
        <ChoiceDialog
          title={replacing.yaml === '' ? 'Start a new workspace?' : `Open “${replacing.title}”?`}
          choices={[{ value: 'discard', label: 'Discard and continue', tone: 'danger' }]}
          onClose={(choice) => {
            if (choice === 'discard') workspaceStore.getState().newWorkspace(replacing.yaml);
            setReplacing(null);
          }}
        >
          <p>
            This replaces the current workspace. Export it first if you want a copy; Undo also
            brings it back while this page stays open.
          </p>
        </ChoiceDialog>
      )}
    </div>
  );
}
