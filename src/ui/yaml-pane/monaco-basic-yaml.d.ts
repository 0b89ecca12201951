// Monaco modules used directly, which it ships without type declarations.

// Monaco's own YAML grammar (Monarch).
declare module 'monaco-editor/esm/vs/basic-languages/yaml/yaml.js' {
  import type { languages } from 'monaco-editor';
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}
