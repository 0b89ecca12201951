// How the canvas shows the workspace, as the user set it: namespaces collapsed or expanded (over
// the default: large workspaces open collapsed, src/view/collapse.ts), whether a
// selection's denied flows are drawn, and the edge under the pointer. View state only: never in
// the YAML, never in undo.
import { create } from 'zustand';

/** A peer's flows with the selection that are denied and not drawn, by direction. */
export interface DeniedAt {
  readonly in: number;
  readonly out: number;
}

const NO_DENIED: ReadonlyMap<string, DeniedAt> = new Map();

export interface CanvasViewState {
  /** Namespace node id → collapsed (true) or expanded (false), as the user chose. */
  readonly overrides: Readonly<Record<string, boolean>>;
  /** Namespaces whose state the canvas chose (to fit the pane), not the user. */
  readonly auto: ReadonlySet<string>;
  /** Draw a selection's denied flows as edges (otherwise one marker per peer). */
  readonly showDenied: boolean;
  /** The edge (or its label) under the pointer: both are highlighted. */
  readonly hoveredEdge: string | null;
  /** The selection's denied flows not drawn, per peer node: a marker on each. */
  readonly denied: ReadonlyMap<string, DeniedAt>;
  /**
   * Namespaces opened by something that places the view on them itself (a search centring on a
   * workload inside): the canvas does not also fit the view to what they add.
   */
  readonly framed: ReadonlySet<string>;
  /** Bumped by *Layout*: the canvas lays everything out afresh instead of keeping it still. */
  readonly layoutEpoch: number;
  relayout(): void;
  setCollapsed(id: string, collapsed: boolean): void;
  /** Expands a namespace whose nodes the caller will bring into view (see `framed`). */
  expandFramed(id: string): void;
  /** The canvas has laid out the framed namespaces: they are ordinary open ones again. */
  clearFramed(): void;
  /** The canvas's own choices: they may change again to fit the pane; the user's never do. */
  setAuto(overrides: Readonly<Record<string, boolean>>): void;
  /** Collapse or expand every one of these namespaces at once. */
  setAll(ids: readonly string[], collapsed: boolean): void;
  setShowDenied(show: boolean): void;
  setHoveredEdge(id: string | null): void;
  setDenied(denied: ReadonlyMap<string, DeniedAt>): void;
}

export const useCanvasViewStore = create<CanvasViewState>()((set) => ({
  overrides: {},
  auto: new Set(),
  showDenied: false,
  hoveredEdge: null,
  denied: NO_DENIED,
  framed: new Set(),
  layoutEpoch: 0,
  relayout: () => set((s) => ({ layoutEpoch: s.layoutEpoch + 1 })),
  setCollapsed: (id, collapsed) =>
    set((s) => {
      const auto = new Set(s.auto);
      auto.delete(id);
      return { overrides: { ...s.overrides, [id]: collapsed }, auto };
    }),
  expandFramed: (id) =>
    set((s) => {
      const auto = new Set(s.auto);
      auto.delete(id);
      return {
        overrides: { ...s.overrides, [id]: false },
        auto,
        framed: new Set([...s.framed, id]),
      };
    }),
  clearFramed: () => set((s) => (s.framed.size === 0 ? s : { framed: new Set() })),
  setAuto: (overrides) =>
    set((s) => {
      const auto = new Set(s.auto);
      for (const id of Object.keys(overrides)) auto.add(id);
      return { overrides: { ...s.overrides, ...overrides }, auto };
    }),
  setAll: (ids, collapsed) =>
    set((s) => {
      const overrides = { ...s.overrides };
      const auto = new Set(s.auto);
      for (const id of ids) {
        overrides[id] = collapsed;
        auto.delete(id);
      }
      return { overrides, auto };
    }),
  setShowDenied: (showDenied) => set({ showDenied }),
  setDenied: (denied) => set({ denied: denied.size === 0 ? NO_DENIED : denied }),
  setHoveredEdge: (hoveredEdge) =>
    set((s) => (s.hoveredEdge === hoveredEdge ? s : { hoveredEdge })),
}));
