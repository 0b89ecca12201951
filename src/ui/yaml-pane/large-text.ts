// What Monaco does for the whole text after each change, skipped for large texts (the language of
// texts above the YAML services' limit: 100,000 lines at 5,000 workloads).
// - It colours every line in idle time, so that scrolling finds the lines ready: ~10 s of
//   main-thread work after a paste, in 1–50 ms slices that landed in the middle of panning and
//   zooming the canvas. Large texts are coloured where they are shown instead: Monaco tokenizes
//   the lines on screen on demand, guessing where they start from their indentation.
// - On Enter (and on typing a closing bracket) it colours every line from the first uncoloured
//   one to the cursor first: with no background colouring, the first Enter at the end of a pasted
//   dump coloured the whole text in one task. Large texts colour that line as the lines on screen
//   are, from its indentation.
// - Once any bracket feature has asked (the small example does), it parses every bracket of the
//   text into a tree again whenever the language or the options change: ~0.15 s in the paste's
//   task. Large texts have no bracket features (see MonacoEditor's sizeOptions).
import { DefaultBackgroundTokenizer } from 'monaco-editor/esm/vs/editor/common/model/textModelTokens.js';
import { BracketPairsTextModelPart } from 'monaco-editor/esm/vs/editor/common/model/bracketPairsTextModelPart/bracketPairsImpl.js';
import { TokenizerSyntaxTokenBackend } from 'monaco-editor/esm/vs/editor/common/model/tokens/tokenizerSyntaxTokenBackend.js';

interface Scheduler {
  _tokenizerWithStateStore: { _textModel: { getLanguageId(): string } };
  _beginBackgroundTokenization(): void;
}

interface Colouring {
  _textModel: { getLanguageId(): string };
  refreshRange(startLineNumber: number, endLineNumber: number): void;
  forceTokenization(lineNumber: number): void;
}

interface Brackets {
  textModel: { getLanguageId(): string };
  bracketPairsTree: { clear(): void };
  updateBracketPairsTree(): void;
}

/** Monaco skips the whole-text work above for models of these languages. */
export function lightenLargeTexts(languages: readonly string[]): boolean {
  const tokens = DefaultBackgroundTokenizer.prototype as unknown as Scheduler;
  const brackets = BracketPairsTextModelPart.prototype as unknown as Brackets;
  const colouring = TokenizerSyntaxTokenBackend.prototype as unknown as Colouring;
  const schedule = tokens._beginBackgroundTokenization;
  const update = brackets.updateBracketPairsTree;
  const force = colouring.forceTokenization;
  // Another Monaco version: leave it as it is (the versions are pinned).
  if (
    typeof schedule !== 'function' ||
    typeof update !== 'function' ||
    typeof force !== 'function' ||
    typeof colouring.refreshRange !== 'function'
  )
    return false;
  tokens._beginBackgroundTokenization = function (this: Scheduler) {
    if (languages.includes(this._tokenizerWithStateStore._textModel.getLanguageId())) return;
    schedule.call(this);
  };
  colouring.forceTokenization = function (this: Colouring, lineNumber: number) {
    if (languages.includes(this._textModel.getLanguageId()))
      this.refreshRange(lineNumber, lineNumber);
    else force.call(this, lineNumber);
  };
  brackets.updateBracketPairsTree = function (this: Brackets) {
    if (languages.includes(this.textModel.getLanguageId())) this.bracketPairsTree.clear();
    else update.call(this);
  };
  return true;
}
