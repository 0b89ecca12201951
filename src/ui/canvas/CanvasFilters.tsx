// Canvas filters: namespaces (several at once), isolated workloads, workloads with denied flows,
// in one popover so the bar stays one line. What a filter leaves out is dimmed, not hidden; the
// count of workloads shown and Clear filters stay on the bar while a filter is on.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CanvasModel } from '../../store/canvas-model.ts';
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import { displayText } from '../../model/display-text.ts';
import { NO_FILTER } from '../../view/workload-filter.ts';
import type { WorkloadFilter } from '../../view/workload-filter.ts';
import { useFilterResult } from './use-filter.ts';

const count = (n: number) => n.toLocaleString('en-US');

const update = (patch: Partial<WorkloadFilter>) => {
  const s = workspaceStore.getState();
  s.setFilter({ ...s.filter, ...patch });
};

function FilterChoices({ namespaces }: { readonly namespaces: readonly string[] }) {
  const filter = useWorkspaceStore((s) => s.filter);
  const toggle = (ns: string) =>
    update({
      namespaces: filter.namespaces.includes(ns)
        ? filter.namespaces.filter((n) => n !== ns)
        : [...filter.namespaces, ns],
    });
  return (
    <>
      <fieldset className="cf-section">
        <legend>Show only</legend>
        <label className="cf-check" title="Workloads isolated for ingress or for egress">
          <input
            type="checkbox"
            checked={filter.isolatedOnly}
            onChange={(e) => update({ isolatedOnly: e.target.checked })}
          />
          Isolated only
        </label>
        <label className="cf-check">
          <input
            type="checkbox"
            checked={filter.deniedOnly}
            onChange={(e) => update({ deniedOnly: e.target.checked })}
          />
          Has denied flows
        </label>
        <p className="cf-note">
          Denied flows: isolated in a direction where no rule of its own policies allows every peer
          on every port.
        </p>
      </fieldset>
      <fieldset className="cf-section cf-namespaces">
        <legend>Namespaces {filter.namespaces.length === 0 ? '(all)' : ''}</legend>
        {namespaces.map((ns) => (
          <label key={ns} className="cf-check">
            <input
              type="checkbox"
              checked={filter.namespaces.includes(ns)}
              onChange={() => toggle(ns)}
            />
            {displayText(ns, 40)}
          </label>
        ))}
      </fieldset>
    </>
  );
}

export function CanvasFilters({ model }: { readonly model: CanvasModel }) {
  const result = useFilterResult(model);
  const filter = useWorkspaceStore((s) => s.filter);
  const on = filter.namespaces.length + (filter.isolatedOnly ? 1 : 0) + (filter.deniedOnly ? 1 : 0);
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const namespaces = useMemo(
    () =>
      model.graph.nodes.flatMap((n) => (n.data.kind === 'namespace' ? [n.data.name] : [])).sort(),
    [model.graph],
  );
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  return (
    <div
      className="canvas-filters"
      role="group"
      aria-label="Filters"
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
        className={on > 0 ? 'cf-button on' : 'cf-button'}
        aria-expanded={open}
        aria-controls={`${id}-filters`}
        onClick={() => setOpen(!open)}
      >
        Filters{on > 0 ? ` (${on})` : ''} ▾
      </button>
      <div id={`${id}-filters`} className="cf-popup" hidden={!open}>
        <FilterChoices namespaces={namespaces} />
      </div>
      <span className="cf-count" role="status">
        {result.active
          ? `${count(result.shown.size)} of ${count(result.workloads)} workloads shown`
          : `${count(result.workloads)} workloads`}
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
