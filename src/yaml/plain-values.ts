// The values the fast parser builds for the CLI's lean read when no positions are wanted: a
// mapping is its keys and values in written order, a sequence an array, a scalar the value it
// surely has, or its text when the decoder must decide. Only documents that read without a single
// diagnostic are taken this way; any other goes back to the positioned trees (read-workspace.ts).
import { certainPlainInteger, isCertainPlainString } from './scalars.ts';

/** A block or flow mapping: keys (surely strings, no duplicates) and values, alternating. */
export class PlainMap {
  constructor(readonly kv: readonly PlainValue[]) {}

  /** The value of a key, or undefined when the mapping has none. */
  get(key: string): PlainValue | undefined {
    const kv = this.kv;
    for (let i = 0; i < kv.length; i += 2) if (kv[i] === key) return kv[i + 1];
    return undefined;
  }
}

/** An untagged plain scalar whose meaning the decoder must decide (`10.0.0.1`, `yes`, `0.5`, `~`). */
export class PlainScalar {
  constructor(readonly text: string) {}
}

/**
 * A string is a quoted scalar or a plain one that is surely a string; a number a plain decimal
 * that is surely that integer; null an empty value (`key:` with nothing after it).
 */
export type PlainValue = string | number | null | PlainScalar | PlainMap | PlainValue[];

/** What an untagged plain scalar's text reads as, as far as that is certain. */
export function plainScalarValue(text: string): string | number | PlainScalar {
  if (isCertainPlainString(text)) return text;
  return certainPlainInteger(text) ?? new PlainScalar(text);
}

/** A document's root mapping with the offsets its positioned tree would have. */
export interface PlainDocument {
  readonly root: PlainMap;
  readonly start: number;
  readonly end: number;
}
