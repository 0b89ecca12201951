// Monaco and monaco-yaml, set up once per page at module scope: both are global singletons, so
// doing this in a component would run twice under StrictMode and leak a second YAML worker.
import * as monaco from 'monaco-editor';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from './editor.worker.ts?worker';
import YamlWorker from './yaml.worker.ts?worker';
import { K8S_SCHEMA } from './k8s-schema.ts';
import { lightenLargeTexts } from './large-text.ts';
import { keepLargeUndoSteps } from './undo-step-patch.ts';

/** The URI of the one workspace model; the schema association matches it. */
export const MODEL_URI = 'file:///workspace.yaml';

/** Owner of our own diagnostics' markers, so they never clash with the YAML worker's. */
export const MARKER_OWNER = 'netpol-canvas';

globalThis.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  isKubernetes: true,
  // kubectl reads YAML 1.1 (`yes`, `on`, `0755`); the hover and checks should agree with it.
  yamlVersion: '1.1',
  schemas: [
    {
      uri: 'inmemory://netpol-canvas/kubernetes.schema.json',
      fileMatch: ['workspace.yaml'],
      schema: K8S_SCHEMA,
    },
  ],
});

/**
 * Texts longer than this (about 1,200 workloads) keep their YAML colours but not monaco-yaml's
 * schema checks, hovers and completion: its worker re-read the whole text for links, symbols and
 * validation after every change, ~7 s of a core after pasting 5,000 workloads, on a machine whose
 * other core reads the same text for the canvas. The app's own diagnostics stay.
 */
export const YAML_SERVICES_MAX_LENGTH = 500_000;

/** The language of large texts: Monaco's YAML grammar, with no language services behind it. */
export const LARGE_YAML = 'yaml-large';
monaco.languages.register({ id: LARGE_YAML, aliases: ['YAML'] });
monaco.languages.registerTokensProviderFactory(LARGE_YAML, {
  async create() {
    const { conf, language } = await import('monaco-editor/esm/vs/basic-languages/yaml/yaml.js');
    monaco.languages.setLanguageConfiguration(LARGE_YAML, conf);
    return language;
  },
});

lightenLargeTexts([LARGE_YAML]);
keepLargeUndoSteps();

monaco.editor.defineTheme('netpol-light', {
  base: 'vs',
  inherit: true,
  rules: [{ token: 'comment', foreground: '6b7280' }],
  colors: {
    'editor.background': '#ffffff',
    'editorLineNumber.foreground': '#6b7280',
    'editorLineNumber.activeForeground': '#111827',
    'editor.lineHighlightBackground': '#f6f7f9',
    'editorGutter.background': '#ffffff',
  },
});

// Dark mode (theme-dark.css): the pane's surface colour, so the editor is not a box of its own.
monaco.editor.defineTheme('netpol-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [{ token: 'comment', foreground: '98a2b3' }],
  colors: {
    'editor.background': '#161b26',
    'editorLineNumber.foreground': '#8a94a6',
    'editorLineNumber.activeForeground': '#e7eaf0',
    'editor.lineHighlightBackground': '#1d2331',
    'editorGutter.background': '#161b26',
  },
});

/** Monaco's theme for the system's colour scheme. */
export const MONACO_THEME = { light: 'netpol-light', dark: 'netpol-dark' } as const;

export { monaco };
