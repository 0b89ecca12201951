import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readWorkspace, locate, provenanceOf } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { LineIndex } from '../yaml/text-position.ts';
import { syntheticWorkspace } from '../../fixtures/synthetic-workspace.ts';
import {
  applyListChanges,
  listChanges,
  pageRead,
  pageStream,
  replyDecoder,
  replyEncoder,
} from './parse-reply.ts';
import type { PageRead } from './parse-reply.ts';
import { placedRange, withPlacedSources } from '../model/source-place.ts';

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
    - ports: [{port: 80}]
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: deny-all}
spec:
  tier: Baseline
  priority: 10
  subject: {namespaces: {}}
  ingress:
    - action: Deny
      from: [{namespaces: {}}]
`;

/** What crosses from the worker to the page. */
const post = <T>(x: T): T => structuredClone(x);

/** A read with its objects placed in its text (`documentMoves` applied): a fresh read's view. */
const placed = (read: PageRead): PageRead => withPlacedSources(read);

/** The page's whole read of `text`, as `parseInWorker` builds it. */
function onPage(text: string, read: PageRead): ReadResult {
  return { ...read, stream: pageStream(text, read), lines: new LineIndex(text) };
}

const OWNED = `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: c, image: i, ports: [{ containerPort: 8080 }] }] }
---
apiVersion: v1
kind: Pod
metadata:
  name: api-5d9f-abcde
  namespace: shop
  labels: { app: api }
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: api-5d9f, uid: u1 }]
spec: { containers: [{ name: c, image: i }] }
status: { podIP: 10.1.0.7 }
---
apiVersion: v1
kind: Pod
metadata: { name: node-agent, namespace: shop, labels: { app: agent } }
spec: { hostNetwork: true, containers: [{ name: c, image: i }] }
status: { podIP: 192.168.0.4 }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: shop, labels: { app: api } }
spec: { containers: [{ name: c, image: i }] }
`;

describe('parse replies', () => {
  it('the first reply is the whole read, without trees, resume state or line index', () => {
    const read = readWorkspace(TEXT);
    const reply = post(replyEncoder()(read, null));
    expect(reply.base).toBeNull();
    expect(JSON.stringify(reply)).not.toContain('"kind":"map"');
    const page = replyDecoder().decode(reply)!;
    expect(page).toEqual(post(pageRead(read)));
    expect(page.workloads).toEqual(read.workloads);
    expect(page.policies).toEqual(read.policies);
    expect(page.clusterPolicies).toEqual(read.clusterPolicies);
    expect(page.diagnostics).toEqual(read.diagnostics);
    expect('resume' in page || 'lines' in page).toBe(false);
  });

  it('the page reads a tree from the text when asked, the same as the worker had', () => {
    const read = readWorkspace(TEXT);
    const page = onPage(TEXT, replyDecoder().decode(post(replyEncoder()(read, null)))!);
    expect(page.stream.documents.map((d) => d.root)).toEqual(
      read.stream.documents.map((d) => d.root),
    );
    const policy = page.policies[0]!;
    const found = locate(page, policy.source!, 'spec.ingress[0].ports[0].port');
    expect(found).toEqual(locate(read, policy.source!, 'spec.ingress[0].ports[0].port'));
    expect(found?.line).toBe(16);
  });

  it('trees of every real-world fixture read on demand equal the worker’s, broken documents too', () => {
    const texts = Object.values(
      import.meta.glob<string>('../../fixtures/real-world/*', {
        query: '?raw',
        import: 'default',
        eager: true,
      }),
    );
    expect(texts.length).toBeGreaterThan(5);
    texts.push('a: [1\n---\nkind: Pod\n', '%YAML 1.1\n---\nkind: Pod\n...\n---\nkind: Service\n');
    for (const text of texts) {
      const read = readWorkspace(text);
      const page = onPage(text, replyDecoder().decode(post(replyEncoder()(read, null)))!);
      expect(page.stream.documents.map((d) => d.root)).toEqual(
        read.stream.documents.map((d) => d.root),
      );
      expect(page.stream.documents.map((d) => d.problems)).toEqual(
        read.stream.documents.map((d) => d.problems),
      );
    }
  });

  it('after a typed character only the changed objects cross, and the rest are the page’s own', () => {
    const text = syntheticWorkspace(6, 10, 5);
    const at = text.indexOf('tier: t2\n', text.indexOf('kind: NetworkPolicy')) + 'tier: t2'.length;
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    const encode = replyEncoder();
    const decoder = replyDecoder();
    const first = readWorkspace(text);
    const before = decoder.decode(post(encode(first, decoder.base())))!;
    const second = readWorkspace(edited, {}, first);
    const reply = post(encode(second, decoder.base()));
    expect(reply.base).toBe(1);
    // The edited policy crosses; every other object is the page's own, as it was: the objects
    // below the edit did not move, their documents did (the documents cross as moves).
    expect(reply.lists.policies.fresh).toHaveLength(1);
    expect(reply.lists.workloads.fresh).toHaveLength(0);
    expect(reply.lists.documents.fresh).toHaveLength(1);
    expect(reply.lists.policies.moves).toEqual([[0, 0, 0]]);
    expect(reply.lists.workloads.moves).toEqual([[0, 0, 0]]);
    const after = decoder.decode(reply)!;
    expect(placed(after)).toEqual(placed(post(pageRead(readWorkspace(edited)))));
    const edited0 = after.policies.findIndex((p, i) => p.egress !== before.policies[i]!.egress);
    expect(after.policies[edited0]!.id).toBe((reply.lists.policies.fresh[0] as { id: string }).id);
    after.policies.forEach((p, i) => {
      const old = before.policies[i]!;
      if (i !== edited0) expect(p).toBe(old);
      // Below the edit the page places them one character further down.
      if (i > edited0)
        expect(placedRange(after, p.source!).start).toBe(old.source!.range.start + 1);
    });
    after.workloads.forEach((w, i) => expect(w).toBe(before.workloads[i]));
    // The worker's read took over the very workloads (above and below the edit): nothing was
    // renumbered, so nothing had to be compared field by field to send them.
    const taken = provenanceOf(second)?.taken;
    expect(taken?.from).toBe(provenanceOf(first)?.serial);
    expect(taken?.workloads.every((w) => w === -1)).toBe(true);
    expect(second.workloads.every((w, i) => w === first.workloads[i])).toBe(true);
  });

  it('a reply against a base the page no longer has is refused, and a whole one is not', () => {
    const encode = replyEncoder();
    const read = readWorkspace(TEXT);
    const r1 = encode(read, null);
    const r2 = encode(read, r1.seq);
    expect(r2.base).toBe(r1.seq);
    expect(replyDecoder().decode(post(r2))).toBeUndefined();
    // The worker no longer has an old base: it sends the whole read.
    const many = replyEncoder(2);
    const old = many(read, null);
    many(read, old.seq);
    many(read, null);
    const late = many(read, old.seq);
    expect(late.base).toBeNull();
    expect(replyDecoder().decode(post(late))).toEqual(post(pageRead(read)));
  });

  it('law: decoding the changes against any base gives the list back', () => {
    const item = fc.record({ k: fc.integer({ min: 0, max: 3 }), v: fc.constantFrom('a', 'b') });
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 12 }),
        fc.array(item, { maxLength: 12 }),
        (base, next) => {
          const changes = post(listChanges(next, base));
          const back = applyListChanges(changes, base);
          expect(back).toEqual(next);
          back.forEach((x, i) => {
            if (changes.same[i]! >= 0) expect(x).toBe(base[changes.same[i]!]);
          });
        },
      ),
    );
  });

  it('a document added above: the documents below are sent as moved, and decode to the fresh read', () => {
    const text = `${syntheticWorkspace(2, 3, 2)}${OWNED}`;
    // Each adds an object above the others (which are then read again, not taken over), and
    // changes one below: the taken-over documents and the re-read objects must agree.
    const above = [
      // Same namespace and name as the Deployment below: its id becomes kind-qualified.
      'apiVersion: v1\nkind: Pod\nmetadata: { name: api, namespace: shop }\nspec: { containers: [{ name: c, image: i }] }\n---\n',
      // A pod of the Deployment below: its IP joins the Deployment's.
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api-5d9f-zzzzz\n  namespace: shop\n  labels: { app: api }\n  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: api-5d9f, uid: u2 }]\nspec: { containers: [{ name: c, image: i }] }\nstatus: { podIP: 10.1.0.9 }\n---\n',
    ];
    for (const doc of above) {
      const encode = replyEncoder();
      const decoder = replyDecoder();
      const first = readWorkspace(text);
      decoder.decode(post(encode(first, decoder.base())));
      const edited = doc + text;
      const second = readWorkspace(edited, {}, first);
      const page = decoder.decode(post(encode(second, decoder.base())))!;
      expect(placed(page)).toEqual(placed(post(pageRead(readWorkspace(edited)))));
      expect(provenanceOf(second)?.taken).toBeDefined();
    }
  });

  it('law: every edit of a workspace decodes to the fresh read of the edited text', () => {
    // Objects that fold into others, carry IPs, share a name or use the host network: what a
    // workload taken over below an edit must still match before it is sent as moved.
    const text = `${syntheticWorkspace(3, 6, 4)}${TEXT}${OWNED}`;
    const edit = fc.record({
      at: fc.integer({ min: 0, max: text.length }),
      remove: fc.integer({ min: 0, max: 3 }),
      insert: fc.constantFrom('', 'x', '\n', '  ', ': ', '\n---\n', 'app: web\n'),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const encode = replyEncoder();
        const decoder = replyDecoder();
        let current = text;
        let read = readWorkspace(current);
        decoder.decode(post(encode(read, decoder.base())));
        for (const e of edits) {
          const at = Math.min(e.at, current.length);
          current = current.slice(0, at) + e.insert + current.slice(at + e.remove);
          read = readWorkspace(current, {}, read);
          const page = decoder.decode(post(encode(read, decoder.base())))!;
          expect(placed(page)).toEqual(placed(post(pageRead(readWorkspace(current)))));
        }
      }),
      { numRuns: 40 },
    );
  });
});
