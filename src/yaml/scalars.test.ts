// A plain scalar the reader takes as surely a string must be that string for Kubernetes (go-yaml
// v2, YAML 1.1) and for YAML 1.2 tools (js-yaml) alike: the lean read skips the decoder for it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { load } from 'js-yaml';
import { isCertainPlainString, resolveKubernetes } from './scalars.ts';
import { plainNode } from './decode.ts';

const SEED = Number(process.env.SCALARS_SEED ?? Date.now() % 2 ** 31);
console.log(`scalars property seed: ${SEED}`);

const plain = plainNode;

/** Texts of digits, dots, slashes and the characters numbers and timestamps are made of. */
const numberish = fc
  .array(fc.constantFrom(...'0123456789..//-:+eE_xX'.split('')), { minLength: 1, maxLength: 12 })
  .map((cs) => cs.join(''));

describe('isCertainPlainString', () => {
  it('holds only for texts both YAML versions read as that string', () => {
    let certain = 0;
    fc.assert(
      fc.property(numberish, (text) => {
        // Only texts that are one plain scalar (`e:` is a key, `-` alone a sequence).
        fc.pre(!/:$|: |^-$/.test(text));
        if (!isCertainPlainString(text)) return;
        certain++;
        expect(resolveKubernetes(plain(text))).toEqual({ type: 'string', value: text });
        expect(load(`a: ${text}\n`)).toEqual({ a: text });
      }),
      { seed: SEED, numRuns: 3000 },
    );
    expect(certain).toBeGreaterThan(100);
  });

  it('takes addresses, CIDRs and versions as strings, and leaves numbers to the decoder', () => {
    for (const t of ['10.96.0.10', '10.0.0.0/8', '0.0.0.0/0', '1.2.3', 'web', '1/2'])
      expect(isCertainPlainString(t), t).toBe(true);
    for (const t of ['80', '1.5', '1e3', '0755', '0x1F', '1:30', '2024-01-01', '1_000', 'yes', '~'])
      expect(isCertainPlainString(t), t).toBe(false);
  });
});
