// Keeps the work across reloads: the text, node positions and placed external networks go to localStorage
// shortly after every change and at once when the page is hidden.
import type { WorkspaceStore } from '../../store/workspace-store.ts';
import { parseSaved } from './saved-workspace.ts';
import type { SavedWorkspace } from './saved-workspace.ts';

const KEY = 'netpol-canvas:workspace:v1';

/** The saved work, or null when there is none or it is unreadable. */
export function loadSaved(): SavedWorkspace | null {
  try {
    return parseSaved(localStorage.getItem(KEY));
  } catch {
    // Storage disabled (privacy mode): start from the example.
    return null;
  }
}

/** Starts saving; returns the function that stops it. */
export function startAutosave(store: WorkspaceStore, delayMs = 200): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let warned = false;

  const save = () => {
    timer = undefined;
    const { text, positions, externals } = store.getState();
    try {
      localStorage.setItem(
        KEY,
        JSON.stringify({ text, positions, externals, savedAt: Date.now() }),
      );
    } catch {
      // Quota exceeded or storage disabled: say so once; the text stays in the editor.
      if (!warned)
        store
          .getState()
          .notify('Could not save in this browser (storage full or disabled).', 'error');
      warned = true;
    }
  };
  const flush = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      save();
    }
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.text === prev.text && s.positions === prev.positions && s.externals === prev.externals)
      return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  });
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onHide);

  return () => {
    flush();
    unsubscribe();
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onHide);
  };
}
