// Cuts a YAML stream that arrives in pieces (a file read in chunks) into windows of whole
// documents, for `DiagnosticsStream`: a window ends where a `---` marker line starts, so each one
// splits into the documents the whole text splits into there.

/** Whether `c` may follow `---` on a marker line (space, tab, LF, CR). */
const endsMarker = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

const DASH = 45;

/** The `\n---` before a marker line that is not the text's first. */
const NEEDLE = '\n---';

export class DocumentWindows {
  /**
   * The text received and not yet given out, in the pieces it came in (joined only to give a
   * window out: a long stretch without a marker is never copied again at each piece).
   */
  private parts: string[] = [];
  /** The length of that text; it starts at a line start. */
  private length = 0;
  /** Its last few characters before the latest piece, for a `\n---` cut by a piece's edge. */
  private before = '';
  /** Where in the whole text the pending text starts. */
  private consumed = 0;
  /** In the pending text: no `\n---` a window may end after starts before this. */
  private searched = 0;
  /**
   * Where in the whole text the first `---` marker line starts: a window ends only at a later one
   * (the text before the first marker may be comments that belong to the first document).
   */
  private firstMarker = -1;
  /** A JSON stream (its first character is `{`) is split as a whole: it gets no windows. */
  private json: boolean | undefined;

  constructor(
    /** Text is held until at least this much has arrived (unless it ends): the window's size. */
    private readonly size: number,
    private readonly window: (text: string) => void,
  ) {}

  /** The text received and not given out in a window yet (it starts at a line start). */
  get pendingText(): string {
    return this.flat();
  }

  /** Takes the next piece of the text (no byte order mark at its start). */
  push(piece: string): void {
    if (piece === '') return;
    const last = this.parts[this.parts.length - 1];
    if (last !== undefined)
      this.before = last.length >= 4 ? last.slice(-4) : (this.before + last).slice(-4);
    this.parts.push(piece);
    this.length += piece.length;
    if (this.json === undefined) {
      // Every piece before held only white space.
      const m = /[^ \t\r\n]/.exec(piece);
      if (!m) return;
      this.json = m[0] === '{';
    }
    // Windows of about `size`: a whole text given at once is read a window at a time too.
    while (!this.json && this.length >= this.size) {
      if (this.parts.length > 1 && this.firstMarker >= 0) {
        // The latest piece's first marker line ends a window of the pieces before and its start
        // (only that much is joined); then one of the piece alone runs to its last one.
        const latest = this.parts[this.parts.length - 1] as string;
        const latestStart = this.length - latest.length;
        const early = this.find(Math.max(latestStart, this.firstMarker - this.consumed + 1));
        if (early > latestStart) {
          const k = early - latestStart;
          this.taken(
            this.parts.slice(0, -1).join('') + latest.slice(0, k),
            [latest.slice(k)],
            early,
          );
          const text = this.parts[0] as string;
          const cut = this.parts.length === 1 ? this.lastCut(text) : -1;
          if (cut > 0) this.taken(text.slice(0, cut), [text.slice(cut)], cut);
          return;
        }
      }
      let cut = this.nextCut();
      if (cut <= 0) return;
      if (this.parts.length === 1) {
        // One piece: the window runs to its last marker line, so that the next window, which
        // must be joined to the next piece (a copy), holds only the document cut at its end.
        const text = this.parts[0] as string;
        cut = Math.max(cut, this.lastCut(text));
        this.taken(text.slice(0, cut), [text.slice(cut)], cut);
        continue;
      }
      // Joining the pending pieces would copy the latest one whole, and then the rest of it again
      // for the next window: a window holds at most the start of the latest piece, up to its first
      // marker line (the windows get smaller, never the copies larger).
      const latest = this.parts[this.parts.length - 1] as string;
      const latestStart = this.length - latest.length;
      if (cut > latestStart) {
        const early = this.find(Math.max(latestStart, this.firstMarker - this.consumed + 1));
        if (early > 0 && early < cut) cut = early;
      }
      const head =
        this.parts.length === 2 ? (this.parts[0] as string) : this.parts.slice(0, -1).join('');
      if (cut <= latestStart) {
        this.taken(head.slice(0, cut), [head.slice(cut), latest], cut);
      } else {
        const k = cut - latestStart;
        this.taken(head + latest.slice(0, k), [latest.slice(k)], cut);
      }
    }
  }

  /** The start of the last marker line of the pending `text` a window may end at, or -1. */
  private lastCut(text: string): number {
    const after = this.firstMarker - this.consumed;
    let at = text.lastIndexOf(NEEDLE, text.length - 5);
    while (at >= 0 && at + 1 > after) {
      if (endsMarker(text.charCodeAt(at + 4))) return at + 1;
      at = at > 0 ? text.lastIndexOf(NEEDLE, at - 1) : -1;
    }
    return -1;
  }

  /** Gives out a window (the pending text's first `cut` characters); `rest`: what is left. */
  private taken(window: string, rest: string[], cut: number): void {
    this.window(window);
    const parts = rest.filter((p) => p !== '');
    this.parts = parts;
    this.length -= cut;
    this.before = parts.length > 1 ? (parts[parts.length - 2] as string).slice(-4) : '';
    this.consumed += cut;
    this.searched = 0;
  }

  /** The text has ended: gives out what is left (an empty text is one empty window). */
  end(): void {
    if (this.length > 0 || this.consumed === 0) this.window(this.flat());
    this.parts = [];
    this.length = 0;
  }

  /** The pending text as one string. */
  private flat(): string {
    if (this.parts.length !== 1) this.parts = [this.parts.join('')];
    return this.parts[0] as string;
  }

  /**
   * The start of the first marker line from `size` on (and after the text's first marker) whose
   * next character has arrived, or -1.
   */
  private nextCut(): number {
    if (this.firstMarker < 0) {
      // Nothing has been given out yet: the pending text is the whole text.
      const first = this.find(this.searched);
      if (first < 0) return -1;
      this.firstMarker = first;
    }
    return this.find(Math.max(this.searched, this.size, this.firstMarker - this.consumed + 1));
  }

  /**
   * The start of the first marker line after `from` in the pending text whose next character has
   * arrived (or the text's start, when it is one), or -1; notes how far it looked.
   */
  private find(from: number): number {
    // Only the latest piece and the few characters before it are new since the last search. They
    // are searched apart: joined, the search would copy the piece into a flat string first.
    const latest = this.parts[this.parts.length - 1] ?? '';
    let base = this.length - latest.length - this.before.length;
    let head: string;
    let text: string;
    if (from >= base && this.parts.length > 1) {
      head = this.before;
      text = latest;
    } else {
      head = '';
      text = this.flat();
      base = 0;
    }
    // Offsets below are into `head + text`.
    const length = head.length + text.length;
    if (
      this.consumed === 0 &&
      from === 0 &&
      length >= 3 &&
      charIn(head, text, 0) === DASH &&
      charIn(head, text, 1) === DASH &&
      charIn(head, text, 2) === DASH
    ) {
      if (length === 3) return -1;
      if (endsMarker(charIn(head, text, 3))) return 0;
    }
    let at = needleAt(head, text, Math.max(0, from - base - 1));
    while (at >= 0) {
      if (at + 4 >= length) {
        this.searched = base + at;
        return -1;
      }
      if (endsMarker(charIn(head, text, at + 4))) return base + at + 1;
      at = needleAt(head, text, at + 1);
    }
    this.searched = Math.max(0, this.length - 3);
    return -1;
  }
}

/** The character at `k` of `head + text`. */
const charIn = (head: string, text: string, k: number): number =>
  k < head.length ? head.charCodeAt(k) : text.charCodeAt(k - head.length);

/** `(head + text).indexOf(NEEDLE, from)`, without joining them (`head` is a few characters). */
function needleAt(head: string, text: string, from: number): number {
  const h = head.length;
  for (let k = from; k < h; k++) {
    let match = true;
    for (let m = 0; m < NEEDLE.length && match; m++) {
      const c = k + m < h + text.length ? charIn(head, text, k + m) : -1;
      match = c === NEEDLE.charCodeAt(m);
    }
    if (match) return k;
  }
  const at = text.indexOf(NEEDLE, Math.max(0, from - h));
  return at < 0 ? -1 : at + h;
}
