// The store's contract: text is the only history, gestures are one undo step, typing bursts
// coalesce, broken YAML keeps the last valid model and refuses canvas edits.
import { describe, expect, it } from 'vitest';
import { createWorkspaceStore } from './workspace-store.ts';

const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';

function clockStore(initialText = NS) {
  let t = 0;
  const store = createWorkspaceStore({ initialText, now: () => t, typingGroupMs: 500 });
  return { store, tick: (ms: number) => (t += ms) };
}

describe('workspace store', () => {
  it('an import replacing the manifests keeps the external networks placed by hand; New does not', () => {
    const { store } = clockStore();
    store.getState().addExternal({ cidr: '10.0.0.0/8', name: 'corp' });
    store.getState().newWorkspace('apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n', {
      keepExternals: true,
    });
    expect(store.getState().externals).toEqual([{ cidr: '10.0.0.0/8', name: 'corp' }]);
    store.getState().newWorkspace('');
    expect(store.getState().externals).toEqual([]);
  });

  it('starts parsed and valid', () => {
    const { store } = clockStore();
    const s = store.getState();
    expect(s.text).toBe(NS);
    expect(s.parsed.text).toBe(NS);
    expect(s.lastValid).toBe(s.parsed);
    expect(s.hasSyntaxErrors).toBe(false);
    expect(store.temporal.getState().pastStates).toEqual([]);
  });

  it('coalesces a typing burst into one undo step, and splits bursts after a pause', () => {
    const { store, tick } = clockStore();
    const { setText } = store.getState();
    setText(`${NS}#a`);
    tick(100);
    setText(`${NS}#ab`);
    tick(100);
    setText(`${NS}#abc`);
    tick(2000);
    setText(`${NS}#abc!`);
    expect(store.temporal.getState().pastStates.map((p) => p.text)).toEqual([NS, `${NS}#abc`]);
    store.getState().undo();
    expect(store.getState().text).toBe(`${NS}#abc`);
    store.getState().undo();
    expect(store.getState().text).toBe(NS);
    store.getState().redo();
    expect(store.getState().text).toBe(`${NS}#abc`);
    expect(store.getState().parsed.text).toBe(`${NS}#abc`);
  });

  it('does not parse while typing until asked, and drops stale parses', () => {
    const { store } = clockStore();
    store.getState().setText(`${NS}x: [`);
    expect(store.getState().parsed.text).toBe(NS);
    const stale = store.getState().parsed;
    expect(store.getState().acceptParse(stale)).toBe(false);
    store.getState().parseNow();
    expect(store.getState().parsed.text).toBe(`${NS}x: [`);
  });

  it('keeps the last valid parse while the YAML is broken, and refuses canvas edits', () => {
    const { store } = clockStore();
    const valid = store.getState().lastValid;
    store.getState().setText('kind: [unclosed\n');
    store.getState().parseNow();
    const s = store.getState();
    expect(s.hasSyntaxErrors).toBe(true);
    expect(s.text).toBe('kind: [unclosed\n');
    expect(s.lastValid).toBe(valid);
    expect(s.parsed.diagnostics.length).toBeGreaterThan(0);
    expect(s.applyEdits([{ start: 0, end: 0, text: '# x\n' }], 'Add rule')).toBe(false);
    expect(store.getState().text).toBe('kind: [unclosed\n');
    expect(store.getState().notice?.tone).toBe('error');
  });

  it('applies a gesture as one undo step and parses it at once', () => {
    const { store } = clockStore();
    const ok = store.getState().applyEdits(
      [
        { start: 0, end: 0, text: '# one\n' },
        { start: NS.length, end: NS.length, text: '# two\n' },
      ],
      'Draw edge',
    );
    expect(ok).toBe(true);
    const s = store.getState();
    expect(s.text).toBe(`# one\n${NS}# two\n`);
    expect(s.parsed.text).toBe(s.text);
    expect(s.origin).toBe('edit');
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    s.undo();
    expect(store.getState().text).toBe(NS);
    expect(store.getState().parsed.text).toBe(NS);
  });

  it('does not record selection, positions or notices in history', () => {
    const { store } = clockStore();
    const s = store.getState();
    s.select({ kind: 'workload', id: 'shop/web' });
    s.setPosition('shop/web', { x: 1, y: 2 });
    s.notify('hello');
    s.revealRange({ line: 1, column: 1, endLine: 1, endColumn: 5 });
    expect(store.temporal.getState().pastStates).toEqual([]);
    expect(store.getState().positions).toEqual({ 'shop/web': { x: 1, y: 2 } });
    expect(store.getState().selection).toEqual({ kind: 'workload', id: 'shop/web' });
  });

  it('makes New undoable but restoring saved work not', () => {
    const { store } = clockStore();
    store.getState().setPosition('a', { x: 0, y: 0 });
    store.getState().newWorkspace('');
    expect(store.getState().text).toBe('');
    expect(store.getState().positions).toEqual({});
    store.getState().undo();
    expect(store.getState().text).toBe(NS);
    store.getState().restoreWorkspace('# saved\n', { n: { x: 3, y: 4 } });
    expect(store.getState().text).toBe('# saved\n');
    expect(store.getState().positions).toEqual({ n: { x: 3, y: 4 } });
    expect(store.temporal.getState().pastStates).toEqual([]);
    expect(store.temporal.getState().futureStates).toEqual([]);
  });

  it('typing after an undo clears the redo stack', () => {
    const { store, tick } = clockStore();
    store.getState().setText(`${NS}#1`);
    tick(1000);
    store.getState().undo();
    store.getState().setText(`${NS}#2`);
    expect(store.temporal.getState().futureStates).toEqual([]);
    store.getState().redo();
    expect(store.getState().text).toBe(`${NS}#2`);
  });
});

describe('canvas model', () => {
  it('is derived once per parse and placed networks, and answers flows from a cache', async () => {
    const { canvasModelOf, flowsOf } = await import('./canvas-model.ts');
    const { store } = clockStore();
    const ws = store.getState().lastValid.workspace;
    const model = canvasModelOf(ws);
    expect(canvasModelOf(ws)).toBe(model);
    expect(flowsOf(model, 'x')).toBe(flowsOf(model, 'x'));
    store.getState().applyEdits([{ start: 0, end: 0, text: '# c\n' }], 'x');
    expect(canvasModelOf(store.getState().lastValid.workspace)).not.toBe(model);
    const placed = [{ cidr: '10.0.0.0/8', name: 'corp' }];
    const withNet = canvasModelOf(ws, placed);
    expect(withNet.graph.nodeById.has('ext:10.0.0.0/8')).toBe(true);
    // The inferred workspace and the engine index are shared; only the graph is redrawn.
    expect(withNet.index).toBe(model.index);
  });
});

describe('appendText', () => {
  it('adds documents as one undo step, without an empty document in between', () => {
    const { store } = clockStore();
    store.getState().appendText('---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n');
    const s = store.getState();
    expect(s.text).toBe(`${NS}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n`);
    expect(s.parsed.workspace.namespaces.map((n) => n.name)).toEqual(['shop', 'b']);
    s.undo();
    expect(store.getState().text).toBe(NS);
  });
});

describe('revealSource', () => {
  it('reveals a field of an object, or the whole object when the field is absent', () => {
    const text = `${NS}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  podSelector: {}\n  ingress:\n    - from:\n        - podSelector: {}\n`;
    const { store } = clockStore(text);
    const policy = store.getState().lastValid.workspace.policies[0]!;
    store.getState().revealSource(policy.source!, 'spec.ingress[0].from[0]');
    expect(store.getState().reveal).toMatchObject({ line: 15, column: 11 });
    store.getState().revealSource(policy.source!, 'spec.egress[3]');
    expect(store.getState().reveal).toMatchObject({ line: policy.source!.range.line });
  });

  it('reveals an object where it is after lines were typed above it', () => {
    const policy = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  podSelector: {}\n`;
    const { store } = clockStore(`${NS}---\n${policy}`);
    const before = store.getState().lastValid.workspace.policies[0]!;
    // Two lines typed into the Namespace above: the policy's document is taken over, not read
    // again, so its object keeps its range as read and the parse says how far it moved.
    store.getState().setText(`${NS}# a\n# b\n---\n${policy}`);
    store.getState().parseNow();
    const after = store.getState().lastValid.workspace.policies[0]!;
    expect(after).toBe(before);
    store.getState().revealSource(after.source!);
    expect(store.getState().reveal).toMatchObject({
      line: before.source!.range.line + 2,
      endLine: before.source!.range.endLine + 2,
    });
  });

  it('places external networks as one undo step each, and New clears them', () => {
    const { store } = clockStore();
    store.getState().addExternal({ cidr: '10.0.0.0/8', name: 'corp' });
    store.getState().addExternal({ cidr: '10.0.0.0/8', name: 'again' });
    store.getState().addExternal({ cidr: '0.0.0.0/0', name: '' });
    expect(store.getState().externals).toEqual([
      { cidr: '10.0.0.0/8', name: 'corp' },
      { cidr: '0.0.0.0/0', name: '' },
    ]);
    store.getState().removeExternal('10.0.0.0/8');
    expect(store.getState().externals.map((e) => e.cidr)).toEqual(['0.0.0.0/0']);
    store.getState().undo();
    expect(store.getState().externals.map((e) => e.cidr)).toEqual(['10.0.0.0/8', '0.0.0.0/0']);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().externals).toEqual([]);
    expect(store.getState().text).toBe(NS);
    store.getState().redo();
    expect(store.getState().externals.map((e) => e.cidr)).toEqual(['10.0.0.0/8']);
    store.getState().newWorkspace('');
    expect(store.getState().externals).toEqual([]);
  });

  it('places a network from form text, or says what is wrong without changing anything', async () => {
    const { placeExternalNetwork } = await import('./external-networks.ts');
    const { store } = clockStore();
    expect(placeExternalNetwork('10.0.0.1/8', 'corp', store)).toMatch(/did you mean 10.0.0.0\/8/);
    expect(store.getState().externals).toEqual([]);
    expect(placeExternalNetwork('10.0.0.0/8', ' corp ', store)).toBeNull();
    expect(store.getState().externals).toEqual([{ cidr: '10.0.0.0/8', name: 'corp' }]);
    expect(store.getState().notice?.message).toBe('added external network corp');
  });
});
