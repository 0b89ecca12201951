// Monaco modules used directly by the workers' patch and large-text.ts, shipped
// without type declarations.
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

// Monaco's background colouring of a model's lines (see large-text.ts).
declare module 'monaco-editor/esm/vs/editor/common/model/textModelTokens.js' {
  export class DefaultBackgroundTokenizer {
    constructor(tokenizerWithStateStore: unknown, backgroundTokenStore: unknown);
    handleChanges(): void;
    dispose(): void;
  }
}

// A model's brackets (see large-text.ts).
declare module 'monaco-editor/esm/vs/editor/common/model/bracketPairsTextModelPart/bracketPairsImpl.js' {
  export class BracketPairsTextModelPart {
    constructor(textModel: unknown, languageConfigurationService: unknown);
    updateBracketPairsTree(): void;
  }
}

// A model's colouring (see large-text.ts).
declare module 'monaco-editor/esm/vs/editor/common/model/tokens/tokenizerSyntaxTokenBackend.js' {
  export class TokenizerSyntaxTokenBackend {
    forceTokenization(lineNumber: number): void;
  }
}

// Monaco's undo stack steps (see undo-step-patch.ts).
declare module 'monaco-editor/esm/vs/editor/common/model/editStack.js' {
  export class SingleModelEditStackData {
    changes: { readonly oldText: string; readonly newText: string }[];
  }
  export class SingleModelEditStackElement {
    constructor(label: string, code: string, model: unknown, beforeCursorState: unknown);
    close(): void;
  }
}

declare module 'monaco-editor/esm/vs/editor/common/core/textChange.js' {
  export class TextChange {
    constructor(oldPosition: number, oldText: string, newPosition: number, newText: string);
    readonly oldText: string;
    readonly newText: string;
  }
}
