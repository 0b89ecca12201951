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
  setCollapsed(id: string, collapsed: boolean): void;
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
  setCollapsed: (id, collapsed) =>
    set((s) => {
      const auto = new Set(s.auto);
      auto.delete(id);
      return { overrides: { ...s.overrides, [id]: collapsed }, auto };
    }),
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
