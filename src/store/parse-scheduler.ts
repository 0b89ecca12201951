// Keeps `parsed` in step with `text`: typing is parsed after a short pause, and large texts are
// parsed off the main thread when a worker is available, so keystrokes never wait for the reader.
// A large text is read at each keystroke without the pause (the worker reads only what the edit
// changed; the page never waits), one read at a time: keystrokes during a read are read together
// when it ends.
import { changedRange } from '../model/changed-range.ts';
import type { ParsedText } from './parse-text.ts';
import type { WorkspaceStore } from './workspace-store.ts';

export interface SchedulerOptions {
  /** Pause after the last keystroke before parsing. */
  readonly debounceMs?: number;
  /** Texts at least this long go to `parseAsync` when it is given. */
  readonly asyncThreshold?: number;
  readonly parseAsync?: (text: string) => Promise<ParsedText>;
  /**
   * Work to do with a read from `parseAsync` before the store takes it (building what the page
   * draws from, over several tasks): the store's update then only has to draw it.
   */
  readonly prepare?: (parsed: ParsedText, wanted: () => boolean) => Promise<void>;
  /**
   * The same for a keystroke's read (not a bulk change): what is worth waiting for before the
   * store takes it, such as answers already asked for about its text, so that the page draws
   * the edit once, with them, instead of once without and again when they come.
   */
  readonly prepareEdit?: (parsed: ParsedText, wanted: () => boolean) => Promise<void>;
}

/** A preparation that takes longer than this is not waited for (the page draws the read itself). */
const PREPARE_LIMIT_MS = 10_000;
/** The same for a keystroke's read. */
const PREPARE_EDIT_LIMIT_MS = 1_000;

/** A change of the text's length by this many characters or more is read without the pause. */
const BULK_CHANGE = 1000;

/** Starts watching the store; returns the function that stops it. */
export function startParseScheduler(store: WorkspaceStore, options: SchedulerOptions = {}) {
  const debounceMs = options.debounceMs ?? 150;
  const threshold = options.asyncThreshold ?? 200_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reading = false;
  let stopped = false;
  let again = false;
  const inWorker = (text: string) => options.parseAsync !== undefined && text.length >= threshold;

  const run = () => {
    timer = undefined;
    const { text, parsed } = store.getState();
    if (parsed.text === text) return;
    if (options.parseAsync && inWorker(text)) {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      // A result for a text the user has since changed is dropped by acceptParse.
      options
        .parseAsync(text)
        .then(
          async (result) => {
            // Not for a read the user has typed past (acceptParse drops it). A keystroke's read
            // (a few objects changed) gets only `prepareEdit`, which waits for nothing it does
            // not need. A preparation stops when the text moves on; one that fails or hangs is
            // not waited for.
            const { parsed, text: now } = store.getState();
            const changed = changedRange(parsed.text, result.text);
            const bulk = Math.max(changed.endA, changed.endB) - changed.start >= BULK_CHANGE;
            const prepare = bulk ? options.prepare : options.prepareEdit;
            if (prepare && result.text === now) {
              const wanted = () => !stopped && store.getState().text === result.text;
              let limit: ReturnType<typeof setTimeout> | undefined;
              await Promise.race([
                Promise.resolve()
                  .then(() => prepare(result, wanted))
                  .catch(() => undefined),
                new Promise(
                  (resolve) =>
                    (limit = setTimeout(resolve, bulk ? PREPARE_LIMIT_MS : PREPARE_EDIT_LIMIT_MS)),
                ),
              ]);
              clearTimeout(limit);
            }
            if (!stopped) store.getState().acceptParse(result);
          },
          () => store.getState().parseNow(),
        )
        .finally(() => {
          reading = false;
          if (again) {
            again = false;
            run();
          }
        });
    } else {
      store.getState().parseNow();
    }
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.revision === prev.revision || s.parsed.text === s.text) return;
    if (timer !== undefined) clearTimeout(timer);
    // A keystroke waits for the pause; a paste or a replaced text (thousands of characters at
    // once) is not followed by more typing worth waiting for; nor is a large text's keystroke
    // (read off the page, one read at a time).
    const bulk = Math.abs(s.text.length - prev.text.length) >= BULK_CHANGE;
    if (s.origin === 'typing' && !bulk && !inWorker(s.text)) timer = setTimeout(run, debounceMs);
    else run();
  });

  // Saved work opened without a parse (a large text) is read now.
  if (store.getState().parsed.text !== store.getState().text) run();

  return () => {
    stopped = true;
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
