// Keeps the work across reloads: the text and the user's node positions go to localStorage
// shortly after every change and at once when the page is hidden.
import type { NodePosition, WorkspaceStore } from '../../store/workspace-store.ts';

const KEY = 'netpol-canvas:workspace:v1';

export interface SavedWorkspace {
  readonly text: string;
  readonly positions: Readonly<Record<string, NodePosition>>;
}

function isPosition(v: unknown): v is NodePosition {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return Number.isFinite(p['x']) && Number.isFinite(p['y']);
}

/** The saved work, or null when there is none or it is unreadable (never throws). */
export function loadSaved(storage: Storage = localStorage): SavedWorkspace | null {
  try {
    const raw = storage.getItem(KEY);
    if (raw === null) return null;
    const data: unknown = JSON.parse(raw);
    if (typeof data !== 'object' || data === null) return null;
    const { text, positions } = data as Record<string, unknown>;
    if (typeof text !== 'string') return null;
    const clean: Record<string, NodePosition> = Object.create(null) as Record<string, NodePosition>;
    if (typeof positions === 'object' && positions !== null) {
      for (const [id, p] of Object.entries(positions)) if (isPosition(p)) clean[id] = p;
    }
    return { text, positions: clean };
  } catch {
    return null;
  }
}

/** Starts saving; returns the function that stops it. */
export function startAutosave(store: WorkspaceStore, delayMs = 200): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let warned = false;

  const save = () => {
    timer = undefined;
    const { text, positions } = store.getState();
    try {
      localStorage.setItem(KEY, JSON.stringify({ text, positions, savedAt: Date.now() }));
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
    if (s.text === prev.text && s.positions === prev.positions) return;
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
