// Canvas filters: namespaces (several at once), isolated workloads, workloads with denied flows.
// What a filter leaves out is dimmed, not hidden; the count says how many workloads are shown.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CanvasModel } from '../../store/canvas-model.ts';
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import { displayText } from '../../model/display-text.ts';
import { NO_FILTER } from '../../view/workload-filter.ts';
import type { WorkloadFilter } from '../../view/workload-filter.ts';
import { useFilterResult } from './use-filter.ts';

const update = (patch: Partial<WorkloadFilter>) => {
  const s = workspaceStore.getState();
  s.setFilter({ ...s.filter, ...patch });
};

function NamespacePicker({ namespaces }: { readonly namespaces: readonly string[] }) {
  const chosen = useWorkspaceStore((s) => s.filter.namespaces);
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  const toggle = (ns: string) =>
    update({
      namespaces: chosen.includes(ns) ? chosen.filter((n) => n !== ns) : [...chosen, ns],
    });
  const summary =
    chosen.length === 0
      ? 'all'
      : chosen.length === 1
        ? displayText(chosen[0] ?? '', 20)
        : `${chosen.length} chosen`;
  return (
    <div
      className="cf-namespaces"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          root.current?.querySelector('button')?.focus();
        }
      }}
    >
      <button
        type="button"
        className="cf-button"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        onClick={() => setOpen(!open)}
      >
        Namespaces: {summary} ▾
      </button>
      <fieldset id={`${id}-list`} className="cf-popup" hidden={!open}>
        <legend>Show the workloads of</legend>
        {namespaces.map((ns) => (
          <label key={ns} className="cf-check">
            <input type="checkbox" checked={chosen.includes(ns)} onChange={() => toggle(ns)} />
            {displayText(ns, 40)}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

export function CanvasFilters({ model }: { readonly model: CanvasModel }) {
  const filter = useWorkspaceStore((s) => s.filter);
  const result = useFilterResult(model);
  const namespaces = useMemo(
    () =>
      model.graph.nodes.flatMap((n) => (n.data.kind === 'namespace' ? [n.data.name] : [])).sort(),
    [model.graph],
  );
  return (
    <div className="canvas-filters" role="group" aria-label="Filters">
      <NamespacePicker namespaces={namespaces} />
      <label className="cf-check" title="Workloads isolated for ingress or for egress">
        <input
          type="checkbox"
          checked={filter.isolatedOnly}
          onChange={(e) => update({ isolatedOnly: e.target.checked })}
        />
        Isolated only
      </label>
      <label
        className="cf-check"
        title="Isolated in a direction where no rule of its own policies allows every peer on every port"
      >
        <input
          type="checkbox"
          checked={filter.deniedOnly}
          onChange={(e) => update({ deniedOnly: e.target.checked })}
        />
        Has denied flows
      </label>
      <span className="cf-count" role="status">
        {result.active
          ? `${result.shown.size} of ${result.workloads} workloads shown`
          : `${result.workloads} workloads`}
      </span>
      {result.active && (
        <button
          type="button"
          className="cf-clear"
          onClick={() => workspaceStore.getState().setFilter(NO_FILTER)}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
