// Monaco's worker-side copy of the editor's text, shipped without type declarations.
declare module 'monaco-editor/esm/vs/editor/common/model/mirrorTextModel.js' {
  export interface ModelChange {
    readonly range: {
      readonly startLineNumber: number;
      readonly startColumn: number;
      readonly endLineNumber: number;
      readonly endColumn: number;
    };
    readonly text: string;
  }
  export class MirrorTextModel {
    constructor(uri: unknown, lines: string[], eol: string, versionId: number);
    getText(): string;
    onEvents(e: { changes: readonly ModelChange[]; eol?: string; versionId: number }): void;
  }
}
