// Drawing an allowed edge without a mouse: in the selected node's inspector, pick the other end
// from a list, then the drag gesture's own port popover opens beside the panel.
import { useId, useMemo, useRef, useState } from 'react';
import { useWorkspaceStore } from '../../store/workspace-store.ts';
import { ConnectPopover } from '../canvas/ConnectPopover.tsx';
import { useCanvasModel } from '../canvas/use-canvas-model.ts';
import type { PendingConnection } from '../canvas/use-connect-gesture.ts';
import { countEnds, endOf, otherEnds } from './allow-ends.ts';
import type { AllowDirection, OtherEnd } from './allow-ends.ts';
import { useOptionsOnDemand } from './use-options-on-demand.ts';
import './allow-traffic.css';

const POPOVER_WIDTH = 320;

/** Where the popover goes: just left of the side panel, level with the button that opened it. */
function besidePanel(button: HTMLElement): { clientX: number; clientY: number } {
  const panel = button.closest('aside')?.getBoundingClientRect();
  const at = button.getBoundingClientRect();
  // ConnectPopover puts its left edge 8px right of clientX and its top 20px above clientY.
  return { clientX: (panel?.left ?? at.left) - POPOVER_WIDTH - 20, clientY: at.top + 20 };
}

function groupsOf(ends: readonly OtherEnd[]): [string, OtherEnd[]][] {
  const groups = new Map<string, OtherEnd[]>();
  for (const e of ends) {
    const group = groups.get(e.group);
    if (group) group.push(e);
    else groups.set(e.group, [e]);
  }
  return [...groups];
}

function EndPicker({ nodeId, direction }: { nodeId: string; direction: AllowDirection }) {
  const model = useCanvasModel();
  const uid = useId();
  const [chosen, setChosen] = useState('');
  const [pending, setPending] = useState<PendingConnection | null>(null);
  const select = useRef<HTMLSelectElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const count = useMemo(
    () => countEnds(model.graph, nodeId, direction),
    [model.graph, nodeId, direction],
  );
  const options = useOptionsOnDemand(count);
  // Labelled and sorted only when the list is shown (a thousand of them cost a selection ~15 ms).
  const ends = useMemo(
    () => (options.all ? otherEnds(model.graph, nodeId, direction) : []),
    [options.all, model.graph, nodeId, direction],
  );
  // An end that left the canvas (edited away in the text) is no choice any more.
  const end = chosen === '' ? undefined : endOf(model.graph, nodeId, direction, chosen);
  const noun = direction === 'to' ? 'destination' : 'source';

  if (count === 0) return <p className="sp-muted">No {noun} on the canvas yet.</p>;
  const open = () => {
    if (!end || !button.current) return;
    const [source, target] = direction === 'to' ? [nodeId, end.id] : [end.id, nodeId];
    setPending({ source, target, ...besidePanel(button.current) });
  };
  const close = (outcome: 'allowed' | 'cancelled') => {
    setPending(null);
    // After an edit the notice says what changed; the list is ready for the next edge.
    if (outcome === 'allowed') {
      setChosen('');
      select.current?.focus();
    } else button.current?.focus();
  };

  return (
    <div className="at-row">
      <label htmlFor={`${uid}-end`} className="at-label">
        {direction === 'to' ? 'To' : 'From'}
      </label>
      <select
        id={`${uid}-end`}
        ref={select}
        aria-label={`Allow traffic ${direction}`}
        value={end ? chosen : ''}
        onChange={(e) => setChosen(e.target.value)}
        {...options.arm}
      >
        <option value="">{direction === 'to' ? 'Destination…' : 'Source…'}</option>
        {!options.all && end && <option value={end.id}>{end.label}</option>}
        {(options.all ? groupsOf(ends) : []).map(([group, items]) => (
          <optgroup key={group} label={group}>
            {items.map((e) => (
              <option key={e.id} value={e.id}>
                {e.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <button
        ref={button}
        type="button"
        className="at-open"
        disabled={!end}
        aria-haspopup="dialog"
        aria-expanded={pending !== null}
        aria-label={end ? `Choose ports for traffic ${direction} ${end.label}` : undefined}
        title={end ? undefined : `Choose a ${noun} first`}
        onClick={open}
      >
        Ports…
      </button>
      {pending && <ConnectPopover pending={pending} model={model} onClose={close} />}
    </div>
  );
}

/** For the selected node: "Allow traffic to…", and "…from" for a workload. */
export function AllowTrafficForm() {
  const selection = useWorkspaceStore((s) => s.selection);
  const uid = useId();
  const kind = useCanvasModel().graph.nodeById.get(selection?.id ?? '')?.data.kind;
  // A policy's id can equal a workload's ("shop/web"): the selection's kind tells them apart.
  if (!selection || kind !== selection.kind) return null;
  return (
    <div className="at-form" role="group" aria-labelledby={`${uid}-h`}>
      <h4 id={`${uid}-h`}>Allow traffic</h4>
      {/* Keyed by the node: another selection starts from an empty choice. */}
      <EndPicker key={`to:${selection.id}`} nodeId={selection.id} direction="to" />
      {kind === 'workload' && (
        <EndPicker key={`from:${selection.id}`} nodeId={selection.id} direction="from" />
      )}
    </div>
  );
}
