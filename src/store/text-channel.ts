// How a worker gets the workspace text (pure): whole the first time, then as the edit of the text
// it last got. A keystroke in a 2 MB workspace posts a character, not 2 MB (cloning the text cost
// the page tens of milliseconds per request, twice per keystroke: the parse and the flows).
import { changedRange } from '../model/changed-range.ts';

/** A text as a request carries it. */
export type TextRef =
  /** The whole text. */
  | { readonly id: number; readonly full: string }
  /** The text the worker last got, unchanged. */
  | { readonly id: number }
  /** The text the worker last got (`base`) with `[start, end)` replaced by `insert`. */
  | {
      readonly id: number;
      readonly base: number;
      readonly start: number;
      readonly end: number;
      readonly insert: string;
    };

/** What a worker answers when it no longer has the text an edit applies to (it restarted). */
export const STALE_TEXT = 'the worker does not have the text this request edits';

/** Texts shorter than this are sent whole: comparing costs more than copying. */
const SEND_WHOLE_BELOW = 64 * 1024;

/** The page's side: each text as the edit of the one sent before. */
export function textSender() {
  let sent: { readonly id: number; readonly text: string } | null = null;
  let next = 0;
  return {
    ref(text: string): TextRef {
      const id = ++next;
      const before = sent;
      sent = { id, text };
      if (!before || text.length < SEND_WHOLE_BELOW) return { id, full: text };
      if (before.text === text) {
        sent = before;
        return { id: before.id };
      }
      const { start, endA, endB } = changedRange(before.text, text);
      // A replaced text is sent whole: an edit as long as the text saves nothing.
      if (endB - start > text.length / 2) return { id, full: text };
      return { id, base: before.id, start, end: endA, insert: text.slice(start, endB) };
    },
    /** The worker lost the texts it had (STALE_TEXT): the next one goes whole. */
    forget(): void {
      sent = null;
    },
  };
}

/** A text as the worker has it, and the edit that made it from the one before (when one did). */
export interface ReceivedText {
  readonly text: string;
  readonly edit?: { readonly base: string; readonly start: number; readonly end: number };
}

/** The worker's side: the text a request stands for. Throws STALE_TEXT when it cannot say. */
export function textReceiver() {
  let last: { readonly id: number; readonly text: string } | null = null;
  return (ref: TextRef): ReceivedText => {
    if ('full' in ref) {
      last = { id: ref.id, text: ref.full };
      return { text: ref.full };
    }
    if (!('base' in ref)) {
      if (last?.id !== ref.id) throw new Error(STALE_TEXT);
      return { text: last.text };
    }
    if (last?.id !== ref.base) throw new Error(STALE_TEXT);
    const base = last.text;
    const text = base.slice(0, ref.start) + ref.insert + base.slice(ref.end);
    last = { id: ref.id, text };
    return { text, edit: { base, start: ref.start, end: ref.end } };
  };
}
