// After a drag between two nodes (or a choice in the side panel's "Allow traffic" form): pick the
// ports (the destination's declared ports, a number, a range with a protocol, or any port), see
// what the edit will change, then allow it as one edit. Or choose a cluster policy rule (Admin
// Deny, Admin Accept, Pass, Baseline Deny or Accept), previewed as the flows it flips.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { PROTOCOLS } from '../../model/types.ts';
import type { Protocol } from '../../model/types.ts';
import { useWorkspaceStore } from '../../store/workspace-store.ts';
import { displayText } from '../../model/display-text.ts';
import { allowEdge, previewAllow } from '../../store/gestures.ts';
import { addClusterRuleOnCanvas, previewClusterRule } from '../../store/cluster-gestures.ts';
import { RuleKindChoice, clusterKindLabel } from './RuleKindChoice.tsx';
import type { ClusterKind } from './RuleKindChoice.tsx';
import type { CanvasModel } from './use-canvas-model.ts';
import type { PendingConnection } from './use-connect-gesture.ts';
import { readPortForm } from './port-choice.ts';
import type { PortForm } from './port-choice.ts';

export interface ConnectPopoverProps {
  readonly pending: PendingConnection;
  readonly model: CanvasModel;
  /** 'allowed' after the edit was applied; 'cancelled' on Cancel or Escape. */
  readonly onClose: (outcome: 'allowed' | 'cancelled') => void;
}

function nodeName(model: CanvasModel, id: string): string {
  const d = model.graph.nodeById.get(id)?.data;
  if (!d) return id;
  return displayText(
    d.kind === 'workload' ? d.workload.name : d.kind === 'external' ? d.label : d.name,
    40,
  );
}

export function ConnectPopover({ pending, model, onClose }: ConnectPopoverProps) {
  const target = model.graph.nodeById.get(pending.target)?.data;
  // Ports a pod could really declare (an inferred workload takes them from policies, valid or not).
  const declared =
    target?.kind === 'workload'
      ? target.workload.ports.filter(
          (p) => Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535,
        )
      : [];
  const [form, setForm] = useState<PortForm>({
    choice: declared.length > 0 ? 'declared:0' : 'number',
    protocol: 'TCP',
    number: target?.kind === 'external' ? '443' : '',
    from: '',
    to: '',
  });
  const [withDns, setWithDns] = useState(true);
  const [cluster, setCluster] = useState<ClusterKind | null>(null);
  const broken = useWorkspaceStore((s) => s.hasSyntaxErrors);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const port = readPortForm(form, declared);
  const intent = useMemo(
    () => (port.ok ? { source: pending.source, target: pending.target, port: port.port } : null),
    // `port` is rebuilt each render; the form is what changes it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [pending, form],
  );
  const preview = useMemo(
    () =>
      !intent
        ? null
        : cluster
          ? { ...previewClusterRule(model, { ...intent, ...cluster }), offerDns: false }
          : previewAllow(model, intent, withDns),
    [model, intent, withDns, cluster],
  );
  // A click in a port field picks its option; tabbing through it does not, so a keyboard user can
  // pass it on the way to Allow without losing the port already chosen.
  const set = (patch: Partial<PortForm>) => setForm({ ...form, ...patch });
  const radio = (choice: string, label: string, extra?: ReactNode) => (
    <label className="cp-option" key={choice}>
      <input
        ref={form.choice === choice ? first : undefined}
        type="radio"
        name="port-choice"
        checked={form.choice === choice}
        onChange={() => set({ choice })}
      />
      <span>{label}</span>
      {extra}
    </label>
  );

  const confirm = () => {
    if (!intent || broken || preview?.error) return;
    if (cluster) {
      if (addClusterRuleOnCanvas(model, { ...intent, ...cluster })) onClose('allowed');
      return;
    }
    if (allowEdge(model, intent, withDns && preview?.offerDns === true)) onClose('allowed');
  };

  const box = {
    left: Math.min(pending.clientX + 8, window.innerWidth - 340),
    // Taller with a cluster rule's choices open: it moves up, and scrolls when even that is short.
    top: Math.min(pending.clientY - 20, window.innerHeight - (cluster ? 640 : 420)),
  };
  return (
    <div
      className="connect-popover"
      role="dialog"
      aria-label={`${cluster ? clusterKindLabel(cluster) : 'Allow'} traffic from ${nodeName(model, pending.source)} to ${nodeName(model, pending.target)}`}
      style={{
        left: Math.max(8, box.left),
        top: Math.max(8, box.top),
        maxHeight: window.innerHeight - Math.max(8, box.top) - 8,
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Handled here, so an enclosing panel or the canvas does not also act on it.
          e.stopPropagation();
          onClose('cancelled');
        }
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName !== 'BUTTON') confirm();
      }}
    >
      <div className="cp-title">
        {cluster ? clusterKindLabel(cluster) : 'Allow'}{' '}
        <strong>{nodeName(model, pending.source)}</strong> →{' '}
        <strong>{nodeName(model, pending.target)}</strong>
      </div>
      <RuleKindChoice value={cluster} onChange={setCluster} />
      <fieldset className="cp-ports">
        <legend>Ports</legend>
        {declared.map((d, i) =>
          radio(
            `declared:${i}`,
            `${d.protocol} ${d.port}${d.name ? ` (${displayText(d.name, 20)})` : ''}`,
          ),
        )}
        {radio(
          'number',
          'Port',
          <input
            className="cp-num"
            aria-label="Port number"
            inputMode="numeric"
            value={form.number}
            placeholder="8080"
            onClick={() => set({ choice: 'number' })}
            onChange={(e) => set({ choice: 'number', number: e.target.value })}
          />,
        )}
        {radio(
          'range',
          'Range',
          <span className="cp-range">
            <input
              className="cp-num"
              aria-label="First port"
              inputMode="numeric"
              value={form.from}
              placeholder="8000"
              onClick={() => set({ choice: 'range' })}
              onChange={(e) => set({ choice: 'range', from: e.target.value })}
            />
            –
            <input
              className="cp-num"
              aria-label="Last port"
              inputMode="numeric"
              value={form.to}
              placeholder="8100"
              onClick={() => set({ choice: 'range' })}
              onChange={(e) => set({ choice: 'range', to: e.target.value })}
            />
          </span>,
        )}
        {(form.choice === 'number' || form.choice === 'range') && (
          <label className="cp-protocol">
            Protocol
            <select
              value={form.protocol}
              onChange={(e) => set({ protocol: e.target.value as Protocol })}
            >
              {PROTOCOLS.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
        )}
        {radio('any', 'Any port')}
      </fieldset>
      <div className="cp-preview" aria-live="polite">
        {!port.ok && <p className="cp-error">{port.error}</p>}
        {preview?.error && <p className="cp-error">{preview.error}</p>}
        {preview?.notes.map((n) => (
          <p key={n} className="cp-note">
            {n}
          </p>
        ))}
        {preview?.offerDns && (
          <label className="cp-dns">
            <input
              type="checkbox"
              checked={withDns}
              onChange={(e) => setWithDns(e.target.checked)}
            />
            Keep DNS: also allow {nodeName(model, pending.source)} to reach kube-dns on UDP and TCP
            53
          </label>
        )}
      </div>
      <div className="cp-actions">
        <button type="button" className="cp-cancel" onClick={() => onClose('cancelled')}>
          Cancel
        </button>
        <button
          type="button"
          className="cp-confirm"
          disabled={!intent || broken || Boolean(preview?.error)}
          title={
            broken
              ? 'Fix the YAML errors first: the canvas shows the last valid version'
              : undefined
          }
          onClick={confirm}
        >
          {cluster ? `Add ${clusterKindLabel(cluster)}` : 'Allow'}
        </button>
      </div>
    </div>
  );
}
