// Worker entry: compares two versions of the workspace off the main thread (an edit's effect on
// every flow of a large workspace takes the engine twice).
import { cachedReader, diffTexts } from './diff-texts.ts';

export interface DiffRequest {
  readonly id: number;
  readonly before: string;
  readonly after: string;
}

const read = cachedReader();

self.onmessage = (event: MessageEvent<DiffRequest>) => {
  const { id, before, after } = event.data;
  try {
    self.postMessage({ id, diff: diffTexts(before, after, read) });
  } catch (e) {
    self.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
};
