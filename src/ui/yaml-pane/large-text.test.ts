import { describe, expect, it } from 'vitest';
import { DefaultBackgroundTokenizer } from 'monaco-editor/esm/vs/editor/common/model/textModelTokens.js';
import { BracketPairsTextModelPart } from 'monaco-editor/esm/vs/editor/common/model/bracketPairsTextModelPart/bracketPairsImpl.js';
import { TokenizerSyntaxTokenBackend } from 'monaco-editor/esm/vs/editor/common/model/tokens/tokenizerSyntaxTokenBackend.js';
import { lightenLargeTexts } from './large-text.ts';

interface Tokenizer {
  handleChanges(): void;
  dispose(): void;
  _isScheduled: boolean;
}

/** A tokenizer of a model attached to an editor, with every line still to colour. */
function tokenizer(language: string): Tokenizer {
  const store = {
    _textModel: { getLanguageId: () => language, isAttachedToEditor: () => true },
    store: { allStatesValid: () => false },
  };
  const done = { setTokens: () => {}, backgroundTokenizationFinished: () => {} };
  return new DefaultBackgroundTokenizer(store, done) as unknown as Tokenizer;
}

interface Brackets {
  bracketsRequested: boolean;
  bracketPairsTree: { value: unknown };
  updateBracketPairsTree(): void;
}

/** A model's bracket part after some feature asked for brackets; the tree itself is not built. */
function brackets(language: string): { part: Brackets; built: () => number } {
  const part = new BracketPairsTextModelPart(
    { getLanguageId: () => language, getValueLength: () => 100 },
    {},
  ) as unknown as Brackets;
  part.bracketsRequested = true;
  let built = 0;
  // Stands for the tree Monaco would build: set when updateBracketPairsTree decides to build.
  Object.defineProperty(part, 'bracketPairsTree', {
    value: {
      get value() {
        return undefined;
      },
      set value(_v: unknown) {
        built++;
      },
      clear() {},
    },
  });
  return { part, built: () => built };
}

describe('large texts in Monaco', () => {
  expect(lightenLargeTexts(['yaml-large'])).toBe(true);

  it('colours ordinary texts in the background, and large ones only where shown', () => {
    const yaml = tokenizer('yaml');
    yaml.handleChanges();
    expect(yaml._isScheduled).toBe(true);
    // Disposed, the scheduled run stops before it touches the (fake) model.
    yaml.dispose();
    const large = tokenizer('yaml-large');
    large.handleChanges();
    expect(large._isScheduled).toBe(false);
  });

  it('colours the line Enter needs from its indentation in a large text, not every line above', () => {
    const force = TokenizerSyntaxTokenBackend.prototype.forceTokenization;
    const calls: string[] = [];
    const backend = (language: string) => ({
      _textModel: { getLanguageId: () => language },
      refreshRange: (a: number, b: number) => calls.push(`guess ${a}-${b}`),
      // Monaco's own path: every line from the first uncoloured one to the cursor.
      _tokenizer: {
        updateTokensUntilLine: (_builder: unknown, line: number) => calls.push(`until ${line}`),
      },
      setTokens: () => ({ changes: [] }),
    });
    force.call(backend('yaml-large') as never, 90_000);
    force.call(backend('yaml') as never, 90_000);
    expect(calls).toEqual(['guess 90000-90000', 'until 90000']);
  });

  it('builds no bracket tree for a large text', () => {
    // An ordinary text gets its tree: Monaco starts building it (and fails on this fake model,
    // which has no text to read).
    const yaml = brackets('yaml');
    expect(() => yaml.part.updateBracketPairsTree()).toThrow(TypeError);
    const large = brackets('yaml-large');
    large.part.updateBracketPairsTree();
    expect(large.built()).toBe(0);
  });
});
