// The YAML language worker, wrapped locally so Vite bundles it with `?worker` (no network fetch).
import './mirror-model-patch.ts';
import 'monaco-yaml/yaml.worker.js';
