// Monaco's editor worker, wrapped locally to take the mirror-model fix (see mirror-model-patch.ts).
import './mirror-model-patch.ts';
import 'monaco-editor/esm/vs/editor/editor.worker.js';
