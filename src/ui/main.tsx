// Browser entry: restores the saved work (or opens the example), starts parsing and autosave,
// and mounts the editor.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startParseScheduler } from '../store/parse-scheduler.ts';
import { parseInWorker } from '../store/parse-in-worker.ts';
import { startChangeTracking } from '../store/change-store.ts';
import { diffInWorker } from '../store/diff-in-worker.ts';
import { startLinting } from '../store/lint-store.ts';
import { checkGestureInWorker, lintInWorker } from '../store/lint-in-worker.ts';
import { workspaceStore } from '../store/workspace-store.ts';
import { App } from './App.tsx';
import {
  prepareCanvas,
  prepareEdit,
  requestSelectionFlowsWith,
} from './canvas/use-canvas-model.ts';
import { DEFAULT_EXAMPLE_YAML } from './examples/examples.ts';
import { loadSaved, startAutosave } from './workspace-io/autosave.ts';
import './app.css';
import './theme-dark.css';

/** Texts at least this long are parsed in the worker. */
const LARGE_TEXT = 200_000;
async function start(): Promise<void> {
  const loaded = await loadSaved();
  const { saved } = loaded;
  workspaceStore.getState().restoreWorkspace(
    saved?.text ?? DEFAULT_EXAMPLE_YAML,
    saved?.positions ?? {},
    saved?.externals ?? [],
    // A large saved workspace is read by the worker, so the page paints at once.
    { defer: (saved?.text.length ?? 0) >= LARGE_TEXT },
  );
  startParseScheduler(workspaceStore, {
    parseAsync: (text) => {
      const parsed = parseInWorker(text);
      requestSelectionFlowsWith(text);
      return parsed;
    },
    asyncThreshold: LARGE_TEXT,
    prepare: prepareCanvas,
    prepareEdit,
  });
  startAutosave(workspaceStore, loaded);
  startChangeTracking(workspaceStore, diffInWorker);
  startLinting(workspaceStore, { lintAsync: lintInWorker, checkAsync: checkGestureInWorker });

  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  }
}

void start();
