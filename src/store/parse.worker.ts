// Worker entry: reads large workspaces off the main thread with the same pure reader.
import { readWorkspace } from '../yaml/read-workspace.ts';

export interface ParseRequest {
  readonly id: number;
  readonly text: string;
}

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const { id, text } = event.data;
  const result = readWorkspace(text);
  // LineIndex is a class and does not survive structured cloning; the page rebuilds it.
  self.postMessage({ id, result: { ...result, lines: null } });
};
