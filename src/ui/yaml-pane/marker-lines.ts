// Where markers already set stand after an edit (pure): Monaco moves a marker's decoration with
// edits elsewhere, but one whose lines an edit touched may have shrunk or moved.

/** A marker's lines, or the lines an edit replaced. */
export interface LineSpan {
  readonly startLineNumber: number;
  readonly endLineNumber: number;
}

/** One edit: the lines it replaced, in the text before it, and the text put there. */
export interface LineEdit {
  readonly range: LineSpan;
  readonly text: string;
}

const breaks = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

/**
 * The markers' lines after `edits`, or null when one of them touches a marker's lines (or there
 * are several at once: the markers must then be set again). Markers below an edit move by the
 * lines it added or took away.
 */
export function linesAfter(
  markers: readonly LineSpan[],
  edits: readonly LineEdit[],
): LineSpan[] | null {
  if (edits.length !== 1) return edits.length === 0 ? [...markers] : null;
  const { range, text } = edits[0] as LineEdit;
  const shift = breaks(text) - (range.endLineNumber - range.startLineNumber);
  const out: LineSpan[] = [];
  for (const m of markers) {
    if (m.startLineNumber <= range.endLineNumber && range.startLineNumber <= m.endLineNumber)
      return null;
    out.push(
      m.startLineNumber > range.endLineNumber
        ? { startLineNumber: m.startLineNumber + shift, endLineNumber: m.endLineNumber + shift }
        : m,
    );
  }
  return out;
}

/**
 * An edit the size of a keystroke (typing, Enter, a deleted line break, an accepted completion):
 * within two lines, adding at most one line break, and at most 200 characters put in or taken out. The markers Monaco moved past it still say
 * where the findings are, near enough until lint has read the new text; a paste may not.
 */
export function keystrokeSized(edit: LineEdit & { readonly rangeLength?: number }): boolean {
  if (edit.range.endLineNumber - edit.range.startLineNumber > 1) return false;
  if (edit.text.length > 200 || (edit.rangeLength ?? 0) > 200) return false;
  return breaks(edit.text) <= 1;
}
