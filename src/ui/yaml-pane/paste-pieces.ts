// A large paste cut into pieces, fed to the editor over several tasks: Monaco's handling of a
// 2 MB paste (its text buffer, view lines, colouring state, undo record, one line each) took one
// task of 0.4–0.6 s. The pieces are whole lines where the text has line breaks, so the editor's
// normalisation of line breaks gives the same text as for the whole paste.

/** Pastes of at least this many characters (about 600 workloads) are inserted in pieces. */
export const LARGE_PASTE = 250_000;

/**
 * At most this many characters a piece: ~10 ms of Monaco's work on a quiet core. Pieces must be
 * longer than Monaco's text buffers (65,535 characters): a shorter one is appended to the buffer
 * of the previous one, whose string is then flattened again for each line the edit reads.
 */
export const PASTE_PIECE = 80 * 1024;

/** Pieces are inserted one after another until a task has taken this long. */
export const PASTE_BUDGET_MS = 25;

/**
 * Where to cut `text` into pieces of at most about `size` characters: just after the last line
 * feed of each stretch when it has one (a CRLF stays whole), else never between a CR and its LF
 * nor inside a surrogate pair. Returns the pieces' end offsets; the last one is `text.length`.
 */
export function pieceEnds(text: string, size: number): number[] {
  const ends: number[] = [];
  const step = Math.max(2, Math.floor(size));
  let start = 0;
  while (text.length - start > step) {
    let end = text.lastIndexOf('\n', start + step - 1) + 1;
    if (end <= start) {
      end = start + step;
      if (splitsPair(text, end)) end--;
    }
    ends.push(end);
    start = end;
  }
  ends.push(text.length);
  return ends;
}

/** Cutting before `i` would split a CRLF or a surrogate pair. */
function splitsPair(text: string, i: number): boolean {
  const prev = text.charCodeAt(i - 1);
  const c = text.charCodeAt(i);
  return (
    (prev === 13 && c === 10) || (prev >= 0xd800 && prev <= 0xdbff && c >= 0xdc00 && c <= 0xdfff)
  );
}

/**
 * The text after pasting `pasted` over `text` from `start` to `end`, with the pasted line breaks
 * made the model's `eol` as Monaco makes them.
 */
export function textAfterPaste(
  text: string,
  start: number,
  end: number,
  pasted: string,
  eol: string,
): string {
  const same = eol === '\n' ? !pasted.includes('\r') : /^[^\r\n]*$/.test(pasted);
  const inserted = same ? pasted : pasted.replace(/\r\n|\r|\n/g, eol);
  return text.slice(0, start) + inserted + text.slice(end);
}

/** Where the pieces go: the first replaces the selection, each next one follows the previous. */
export interface PieceSink {
  /** Before the first piece, in a task of its own (or at once when the feeder is flushed). */
  prepare(): void;
  insert(piece: string, first: boolean): void;
  /** After the last piece, in a task of its own (or at once when the feeder is flushed). */
  done(): void;
}

export interface FeedOptions {
  readonly size?: number;
  /**
   * The first piece is empty: it only takes the selection away (taking a whole large text out
   * costs Monaco as much as putting one in).
   */
  readonly clearFirst?: boolean;
  readonly budgetMs?: number;
  readonly now?: () => number;
  /** Runs `run` in a later task; returns what cancels it. */
  readonly later?: (run: () => void) => () => void;
}

/**
 * Feeds a text's pieces to a sink from later tasks: `prepare` in a task of its own, then the
 * pieces, as many a task as fit its budget (at least one), then `done` in a task of its own.
 * `flush` does what is left at once, the pieces left as one.
 */
export class PieceFeeder {
  private readonly ends: number[];
  /** 0: prepare next; k in 1..ends.length: piece k - 1 next; then done; then finished. */
  private stage = 0;
  private cancelLater: (() => void) | null = null;
  private readonly budgetMs: number;
  private readonly now: () => number;
  private readonly later: (run: () => void) => () => void;

  constructor(
    private readonly text: string,
    private readonly sink: PieceSink,
    options: FeedOptions = {},
  ) {
    this.ends = pieceEnds(text, options.size ?? PASTE_PIECE);
    if (options.clearFirst && text.length > 0) this.ends.unshift(0);
    this.budgetMs = options.budgetMs ?? PASTE_BUDGET_MS;
    this.now = options.now ?? (() => performance.now());
    this.later =
      options.later ??
      ((run) => {
        const id = setTimeout(run, 0);
        return () => clearTimeout(id);
      });
  }

  /** Steps still to come: prepare, pieces, done (0 once finished, flushed or cancelled). */
  get remaining(): number {
    return this.ends.length + 2 - this.stage;
  }

  /** Starts feeding in a later task. */
  start(): void {
    this.cancelLater ??= this.later(() => this.task());
  }

  /** Does what is left now, the pieces left as one (someone is about to act on the text). */
  flush(): void {
    if (this.remaining === 0) return;
    this.stopLater();
    if (this.stage === 0) {
      this.stage++;
      this.sink.prepare();
    }
    if (this.stage <= this.ends.length) {
      this.sink.insert(this.text.slice(this.pieceStart()), this.stage === 1);
      this.stage = this.ends.length + 1;
    }
    this.stage++;
    this.sink.done();
  }

  /** Stops where it is: the sink is not told it is done. */
  cancel(): void {
    this.stopLater();
    this.stage = this.ends.length + 2;
  }

  private task(): void {
    this.cancelLater = null;
    if (this.stage === 0 || this.stage === this.ends.length + 1) {
      this.stage++;
      if (this.stage === 1) this.sink.prepare();
      else this.sink.done();
    } else {
      const t0 = this.now();
      do {
        const first = this.stage === 1;
        this.sink.insert(this.text.slice(this.pieceStart(), this.ends[this.stage - 1]), first);
        this.stage++;
      } while (this.stage <= this.ends.length && this.now() - t0 < this.budgetMs);
    }
    if (this.remaining > 0) this.start();
  }

  private pieceStart(): number {
    return this.stage > 1 ? (this.ends[this.stage - 2] ?? 0) : 0;
  }

  private stopLater(): void {
    this.cancelLater?.();
    this.cancelLater = null;
  }
}
