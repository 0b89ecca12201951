// Lint config. The per-folder import rules enforce the layering in README "Architecture":
// the core (model, yaml, engine, authoring, share) is pure TypeScript shared by browser, worker and CLI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const uiAndState = [
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'The core is React-free.' },
  { group: ['zustand', 'zustand/*', 'zundo'], message: 'The core holds no UI state.' },
  {
    group: ['@xyflow/*', 'monaco-editor', 'monaco-editor/*', 'monaco-yaml', 'elkjs', 'elkjs/*'],
    message: 'UI libraries belong in src/ui.',
  },
  {
    group: ['**/ui', '**/ui/*', '**/store', '**/store/*'],
    message: 'Nothing below ui/store imports them.',
  },
];
const nodeOnly = [
  {
    group: ['node:*', 'fs', 'path', 'child_process', 'process'],
    message: 'The core runs in the browser too.',
  },
];
const noDomGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'fetch',
  'XMLHttpRequest',
  'setTimeout',
  'setInterval',
  'requestAnimationFrame',
  'process',
].map((name) => ({ name, message: 'The core is pure: no DOM, timers, network or process.' }));

const coreImports = (extra) => ['error', { patterns: [...uiAndState, ...nodeOnly, ...extra] }];
const layer = (folder) => ({
  group: [`**/${folder}`, `**/${folder}/*`],
  message: `This layer may not import ${folder}.`,
});

export default tseslint.config(
  {
    ignores: [
      '.scratch',
      'dist',
      'dist-cli',
      'dist-*',
      'node_modules',
      'coverage',
      'test-results',
      'playwright-report',
      'bench/results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.es2021 } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Named exports only.' },
      ],
    },
  },
  {
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports([
        layer('engine'),
        layer('yaml'),
        layer('cli'),
        layer('authoring'),
      ]),
      'no-restricted-globals': ['error', ...noDomGlobals],
    },
  },
  {
    files: ['src/yaml/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports([layer('engine'), layer('cli'), layer('authoring')]),
      'no-restricted-globals': ['error', ...noDomGlobals],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports([layer('yaml'), layer('cli'), layer('authoring')]),
      'no-restricted-globals': ['error', ...noDomGlobals],
    },
  },
  {
    files: ['src/authoring/**/*.ts', 'src/share/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports([layer('engine'), layer('cli')]),
      'no-restricted-globals': ['error', ...noDomGlobals],
    },
  },
  {
    // The core runs the same in the browser, a worker and the CLI: no code loaded at run time.
    files: ['src/{model,yaml,engine,authoring,view,share}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Named exports only.' },
        { selector: 'ImportExpression', message: 'The core loads no code at run time.' },
      ],
    },
  },
  {
    // The view layer: what the canvas draws (nodes, edges, routes, labels), computed without a DOM.
    files: ['src/view/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports([layer('yaml'), layer('cli'), layer('authoring')]),
      'no-restricted-globals': ['error', ...noDomGlobals],
    },
  },
  {
    files: [
      'src/view/**/*.test.ts',
      'src/model/**/*.test.ts',
      'src/yaml/**/*.test.ts',
      'src/engine/**/*.test.ts',
      'src/authoring/**/*.test.ts',
    ],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
  {
    // Tests and benchmarks may assert presence with `!`; a wrong guess fails the run loudly.
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['src/cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    // The CLI runs the core as CI does: model, yaml and engine; never the editor's gestures.
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...uiAndState, layer('authoring'), layer('view')] },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/store/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/store/**/*.ts'],
    // Store tests draw the app's own example.
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('ui'), layer('cli')] }] },
  },
  {
    // The UI reaches the core through the store; the core's types may be named.
    files: ['src/ui/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: ['engine', 'yaml', 'authoring', 'cli'].map((folder) => ({
            group: [`**/${folder}`, `**/${folder}/*`],
            message: `The UI reaches ${folder} through the store (type imports are fine).`,
            allowTypeImports: true,
          })),
        },
      ],
    },
  },
  {
    files: ['e2e/**/*.ts', 'bench/**/*.{ts,mjs,js}', '*.config.{ts,js}', 'fixtures/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
