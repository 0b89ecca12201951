// The matrix and coverage caches: one computation per engine index and filter (the worker and
// the page ask again on every render), and the worker's index agrees with the canvas model's.
import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { SHOP } from '../../fixtures/matrix-shop.ts';
import { canvasModelOf } from './canvas-model.ts';
import {
  cachedCoverage,
  cachedMatrix,
  coverageOfModel,
  engineIndexOf,
  matrixOf,
  seedMatrix,
} from './matrix-model.ts';

describe('matrix-model', () => {
  const ws = readWorkspace(SHOP);
  const model = canvasModelOf(ws);

  it('computes a matrix once per index and filter', () => {
    expect(cachedMatrix(model.index, { port: 8000 })).toBeUndefined();
    const m = matrixOf(model.index, { port: 8000 });
    expect(matrixOf(model.index, { port: 8000 })).toBe(m);
    expect(cachedMatrix(model.index, { port: 8000 })).toBe(m);
    expect(matrixOf(model.index, { port: 8000, protocol: 'UDP' })).not.toBe(m);
  });

  it('gives the worker the same cells as the page', () => {
    const index = engineIndexOf(ws);
    expect(engineIndexOf(ws)).toBe(index);
    const inWorker = matrixOf(index, {});
    const onPage = matrixOf(model.index, {});
    expect(Array.from(inWorker.cells)).toEqual(Array.from(onPage.cells));
    expect(inWorker.workloads).toEqual(onPage.workloads);
  });

  it('keeps what the worker sent, and coverage once per model', () => {
    const other = canvasModelOf(readWorkspace(SHOP));
    const sent = structuredClone(matrixOf(model.index, {}));
    seedMatrix(other.index, {}, sent);
    expect(cachedMatrix(other.index, {})).toBe(sent);
    expect(cachedCoverage(model)).toBeUndefined();
    const c = coverageOfModel(model, ws);
    expect(coverageOfModel(model, ws)).toBe(c);
    expect(c.namespaces.map((n) => n.namespace).sort()).toEqual(['monitoring', 'shop']);
  });
});
