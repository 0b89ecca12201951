// The Export menu's diagram items: what they save follows the canvas (the whole workspace, or the
// flows of the selected workload), and they appear only while the canvas can export.
import { displayText } from '../../model/display-text.ts';
import { useWorkspaceStore } from '../../store/workspace-store.ts';
import type { MenuItem } from '../toolbar/MenuButton.tsx';

export function useDiagramMenuItems(): MenuItem[] {
  const svg = useWorkspaceStore((s) => s.canvasCommands['diagram-svg']);
  const png = useWorkspaceStore((s) => s.canvasCommands['diagram-png']);
  const scope = useWorkspaceStore((s) =>
    s.selection?.kind === 'workload'
      ? `The flows of ${displayText(s.selection.id, 40)}`
      : s.selection?.kind === 'edge' && s.selection.id.startsWith('flow|')
        ? "The selected workload's flows"
        : 'The whole workspace',
  );
  const items: MenuItem[] = [];
  if (svg)
    items.push({
      id: 'diagram-svg',
      label: 'Diagram as SVG',
      detail: `${scope}, with a legend`,
      onSelect: svg,
    });
  if (png)
    items.push({
      id: 'diagram-png',
      label: 'Diagram as PNG',
      detail: `${scope}, with a legend`,
      onSelect: png,
    });
  return items;
}
