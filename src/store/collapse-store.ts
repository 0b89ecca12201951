// Which namespaces the user collapsed or expanded on the canvas, over the default (large
// workspaces open collapsed: src/store/graph/collapse.ts). View state only: never in the YAML.
import { create } from 'zustand';

export interface CollapseState {
  /** Namespace node id → collapsed (true) or expanded (false), as the user chose. */
  readonly overrides: Readonly<Record<string, boolean>>;
  setCollapsed(id: string, collapsed: boolean): void;
  /** Collapse or expand every one of these namespaces at once. */
  setAll(ids: readonly string[], collapsed: boolean): void;
}

export const useCollapseStore = create<CollapseState>()((set) => ({
  overrides: {},
  setCollapsed: (id, collapsed) => set((s) => ({ overrides: { ...s.overrides, [id]: collapsed } })),
  setAll: (ids, collapsed) =>
    set((s) => {
      const overrides = { ...s.overrides };
      for (const id of ids) overrides[id] = collapsed;
      return { overrides };
    }),
}));
