// The top bar: workspace actions (New, Import, Export, Examples), history, and canvas actions that
// the canvas registers in the store (disabled until it does, or while the YAML is broken).
import type { ReactNode } from 'react';
import { useHistoryState, useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import type { CanvasCommand } from '../../store/workspace-store.ts';
import { useDiagramMenuItems } from '../canvas/diagram-menu.ts';
import { EXAMPLES } from '../examples/examples.ts';
import { copyPolicies, exportPolicies, exportWorkspace } from '../workspace-io/export-workspace.ts';
import { MenuButton } from './MenuButton.tsx';
import * as I from './icons.tsx';

export interface ToolbarProps {
  readonly onNew: () => void;
  readonly onImport: () => void;
  readonly onExample: (yaml: string, title: string) => void;
  readonly yamlOpen: boolean;
  readonly onToggleYaml: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

function ToolButton(props: {
  readonly label: string;
  readonly icon: ReactNode;
  readonly text?: string;
  readonly shortcut?: string;
  readonly disabled?: boolean;
  readonly pressed?: boolean;
  readonly onClick: () => void;
}) {
  const { label, icon, text, shortcut, disabled = false, pressed, onClick } = props;
  return (
    <button
      type="button"
      className={`tb-btn ${text ? '' : 'tb-icon'}`}
      aria-label={label}
      aria-keyshortcuts={shortcut}
      aria-pressed={pressed}
      title={
        shortcut ? `${label} (${shortcut.replace('Control+', MOD).replace('Shift+', '⇧')})` : label
      }
      disabled={disabled}
      onClick={onClick}
    >
      {icon}
      {text && <span>{text}</span>}
    </button>
  );
}

function CanvasButton(props: {
  readonly command: CanvasCommand;
  readonly label: string;
  readonly icon: ReactNode;
  readonly text?: string;
  readonly needsValidYaml?: boolean;
}) {
  const run = useWorkspaceStore((s) => s.canvasCommands[props.command]);
  const broken = useWorkspaceStore((s) => s.hasSyntaxErrors);
  const disabled = !run || (props.needsValidYaml === true && broken);
  return (
    <ToolButton
      label={props.label}
      icon={props.icon}
      {...(props.text ? { text: props.text } : {})}
      disabled={disabled}
      onClick={() => run?.()}
    />
  );
}

export function Toolbar({ onNew, onImport, onExample, yamlOpen, onToggleYaml }: ToolbarProps) {
  const canUndo = useHistoryState((h) => h.pastStates.length > 0);
  const canRedo = useHistoryState((h) => h.futureStates.length > 0);
  const s = workspaceStore;
  const diagramItems = useDiagramMenuItems();

  return (
    <header className="toolbar" role="toolbar" aria-label="Workspace">
      <div className="brand" aria-hidden="true">
        <svg width="20" height="20" viewBox="0 0 20 20">
          <rect x="1" y="1" width="18" height="18" rx="5" fill="#111827" />
          <circle cx="6.5" cy="7" r="2" fill="#fff" />
          <circle cx="13.5" cy="13" r="2" fill="#60a5fa" />
          <path d="M8 8.5l4 3" stroke="#fff" strokeWidth="1.5" />
        </svg>
        <span>netpol-canvas</span>
      </div>
      <div className="tb-group">
        <ToolButton label="New workspace" text="New" icon={<I.NewIcon />} onClick={onNew} />
        <ToolButton label="Import files" text="Import" icon={<I.ImportIcon />} onClick={onImport} />
        <MenuButton
          label="Export"
          icon={<I.ExportIcon />}
          items={[
            {
              id: 'policies',
              label: 'Download networkpolicies.yaml',
              detail: 'The NetworkPolicies, canonical',
              onSelect: () => exportPolicies(s),
            },
            {
              id: 'workspace',
              label: 'Download workspace.yaml',
              detail: 'Everything, exactly as written',
              onSelect: () => exportWorkspace(s),
            },
            {
              id: 'copy',
              label: 'Copy NetworkPolicies',
              detail: 'To the clipboard',
              onSelect: () => void copyPolicies(s),
            },
            ...diagramItems,
          ]}
        />
        <MenuButton
          label="Examples"
          icon={<I.ExamplesIcon />}
          items={EXAMPLES.map((e) => ({
            id: e.id,
            label: e.title,
            detail: e.description,
            onSelect: () => onExample(e.yaml, e.title),
          }))}
        />
      </div>
      <div className="tb-sep" />
      <div className="tb-group">
        <ToolButton
          label="Undo"
          icon={<I.UndoIcon />}
          shortcut="Control+Z"
          disabled={!canUndo}
          onClick={() => s.getState().undo()}
        />
        <ToolButton
          label="Redo"
          icon={<I.RedoIcon />}
          shortcut="Control+Shift+Z"
          disabled={!canRedo}
          onClick={() => s.getState().redo()}
        />
      </div>
      <div className="tb-sep" />
      <div className="tb-group">
        <CanvasButton
          command="auto-layout"
          label="Auto-layout"
          text="Layout"
          icon={<I.LayoutIcon />}
        />
        <CanvasButton command="fit-view" label="Fit view" icon={<I.FitIcon />} />
      </div>
      <div className="tb-sep" />
      <div className="tb-group">
        <CanvasButton
          command="add-namespace"
          label="Add namespace"
          text="Namespace"
          icon={<I.NamespaceIcon />}
          needsValidYaml
        />
        <CanvasButton
          command="add-workload"
          label="Add workload"
          text="Workload"
          icon={<I.WorkloadIcon />}
          needsValidYaml
        />
        <CanvasButton
          command="add-external"
          label="Add external network"
          text="External"
          icon={<I.ExternalIcon />}
        />
      </div>
      <div className="tb-spacer" />
      <ToolButton
        label="YAML editor"
        text="YAML"
        icon={<I.PaneIcon />}
        pressed={yamlOpen}
        onClick={onToggleYaml}
      />
    </header>
  );
}
