// The toolbar's "Add namespace", "Add workload" and "Add external network": a small form. A
// namespace or workload becomes an appended document (src/authoring/add-objects.ts), applied as
// one undoable step; an external network is placed on the canvas (saved with the work).
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { Protocol } from '../../model/types.ts';
import { workspaceStore } from '../../store/workspace-store.ts';
import { placeExternalNetwork } from '../../store/external-networks.ts';
import { addNamespaceFromForm, addWorkloadFromForm } from '../../store/gestures.ts';
import { displayText } from '../../model/display-text.ts';

export type AddKind = 'namespace' | 'workload' | 'external';

const TITLES: Record<AddKind, string> = {
  namespace: 'Add a namespace',
  workload: 'Add a workload (Deployment)',
  external: 'Add an external network',
};

export function AddObjectDialog({
  kind,
  onClose,
}: {
  readonly kind: AddKind;
  readonly onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const parsed = workspaceStore.getState().lastValid;
  const namespaces = parsed.result.namespaces.map((n) => n.name);
  const [namespace, setNamespace] = useState(namespaces[0] ?? 'default');
  const [name, setName] = useState('');
  const [labels, setLabels] = useState('');
  const [port, setPort] = useState('');
  const [portName, setPortName] = useState('');
  const [protocol, setProtocol] = useState<Protocol>('TCP');
  const [cidr, setCidr] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (kind === 'external') {
      const problem = placeExternalNetwork(cidr, name);
      return problem === null ? onClose() : setError(problem);
    }
    const problem =
      kind === 'namespace'
        ? addNamespaceFromForm(name)
        : addWorkloadFromForm({
            namespace,
            name,
            labels,
            port: port.trim() === '' ? null : Number(port),
            portName,
            protocol,
          });
    if (problem === null) onClose();
    else setError(problem);
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} className="add-form">
        <h2 id={titleId} className="dialog-title">
          {TITLES[kind]}
        </h2>
        {kind === 'external' && (
          <>
            <p className="hint">
              A range outside the cluster, such as the internet (0.0.0.0/0) or a corporate network.
              Draw an edge to it to allow egress there, or from it to allow ingress; policies name
              it with an ipBlock.
            </p>
            <label>
              CIDR
              <input
                value={cidr}
                onChange={(e) => setCidr(e.target.value)}
                placeholder="10.0.0.0/8"
                spellCheck={false}
                required
                autoFocus
              />
            </label>
          </>
        )}
        {kind === 'workload' && (
          <label>
            Namespace
            <input
              list="add-namespaces"
              value={namespace}
              onChange={(e) => setNamespace(e.target.value)}
              required
            />
            <datalist id="add-namespaces">
              {namespaces.map((n) => (
                <option key={n} value={n}>
                  {displayText(n, 60)}
                </option>
              ))}
            </datalist>
          </label>
        )}
        <label>
          Name{kind === 'external' && <span className="hint"> optional, shown on the canvas</span>}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={kind === 'external' ? 'corporate network' : undefined}
            required={kind !== 'external'}
            autoFocus={kind !== 'external'}
          />
        </label>
        {kind === 'workload' && (
          <>
            <label>
              Labels <span className="hint">key=value, comma separated (default app=name)</span>
              <input
                value={labels}
                onChange={(e) => setLabels(e.target.value)}
                placeholder="app=web, tier=frontend"
              />
            </label>
            <div className="add-port">
              <label>
                Port
                <input
                  inputMode="numeric"
                  value={port}
                  onChange={(e) => setPort(e.target.value)}
                  placeholder="8080"
                />
              </label>
              <label>
                Port name
                <input
                  value={portName}
                  onChange={(e) => setPortName(e.target.value)}
                  placeholder="http"
                />
              </label>
              <label>
                Protocol
                <select value={protocol} onChange={(e) => setProtocol(e.target.value as Protocol)}>
                  <option>TCP</option>
                  <option>UDP</option>
                  <option>SCTP</option>
                </select>
              </label>
            </div>
          </>
        )}
        {error && (
          <p role="alert" className="add-error">
            {displayText(error, 200)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary">
            Add
          </button>
        </div>
      </form>
    </dialog>
  );
}
