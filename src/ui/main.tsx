// Browser entry: restores the saved work (or opens the example), starts parsing and autosave,
// and mounts the editor.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startParseScheduler } from '../store/parse-scheduler.ts';
import { parseInWorker } from '../store/parse-in-worker.ts';
import { workspaceStore } from '../store/workspace-store.ts';
import { App } from './App.tsx';
import { DEFAULT_EXAMPLE_YAML } from './examples/examples.ts';
import { loadSaved, startAutosave } from './workspace-io/autosave.ts';
import './app.css';

const saved = loadSaved();
workspaceStore
  .getState()
  .restoreWorkspace(
    saved?.text ?? DEFAULT_EXAMPLE_YAML,
    saved?.positions ?? {},
    saved?.externals ?? [],
  );
startParseScheduler(workspaceStore, { parseAsync: parseInWorker });
startAutosave(workspaceStore);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
