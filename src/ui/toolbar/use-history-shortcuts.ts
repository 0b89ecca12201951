// Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (or Ctrl+Y) anywhere on the page undo and redo the workspace.
// Monaco routes its own keys to the store; text fields keep their native undo.
import { useEffect } from 'react';
import { workspaceStore } from '../../store/workspace-store.ts';

function ownsUndo(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return (
    target.closest('.monaco-editor, input, textarea, select, [contenteditable="true"]') !== null
  );
}

export function useHistoryShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || ownsUndo(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) workspaceStore.getState().undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') workspaceStore.getState().redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
