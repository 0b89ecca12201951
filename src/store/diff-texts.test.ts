// The diff worker's reader: each text read once, the next read as an edit of the last, and the
// comparison the same as with fresh reads.
import { describe, expect, it } from 'vitest';
import { syntheticWorkspace } from '../../fixtures/synthetic-workspace.ts';
import { cachedReader, diffTexts } from './diff-texts.ts';

describe('diffTexts with a cached reader', () => {
  it('reads each text once and compares as fresh reads do, edit after edit', () => {
    const base = syntheticWorkspace(3, 6, 4);
    // p-1 of team-0 admits tier t2 of its namespace to tier t1 on 8080: `t2x` admits no pod.
    const at = base.indexOf('tier: t2', base.indexOf('name: p-1\n  namespace: team-0\n')) + 8;
    const texts = [base, `${base.slice(0, at)}x${base.slice(at)}`, base, `${base}\n# end\n`];
    const read = cachedReader();
    let reads = 0;
    const counted = (t: string) => {
      reads++;
      return read(t);
    };
    for (let i = 1; i < texts.length; i++) {
      const [before, after] = [texts[i - 1] as string, texts[i] as string];
      expect(diffTexts(before, after, counted)).toEqual(diffTexts(before, after));
    }
    // The same text asked again is the same read.
    expect(read(texts[3] as string)).toBe(read(texts[3] as string));
    expect(reads).toBe(6);
    // The edit denies team-0's tier-t2 pods their way in, and its undo gives it back.
    const d = diffTexts(texts[0] as string, texts[1] as string, read);
    expect(d.deniedCount).toBeGreaterThan(0);
    expect(diffTexts(texts[1] as string, texts[2] as string, read).allowedCount).toBe(
      d.deniedCount,
    );
  });
});
