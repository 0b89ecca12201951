// The probe: pick a source, a destination, a port and a protocol; the verdict and its reasons
// update as you choose.
import { useId, useState } from 'react';
import { displayText } from '../../model/display-text.ts';
import { PROTOCOLS } from '../../model/types.ts';
import type { Protocol } from '../../model/types.ts';
import { verdictBetween } from '../../store/canvas-model.ts';
import type { CanvasModel } from '../../store/canvas-model.ts';
import { endpointOfNode, probeChoices } from '../../store/graph/endpoints.ts';
import { VerdictView } from './VerdictView.tsx';

export function ProbeBox({
  model,
  initialFrom,
}: {
  readonly model: CanvasModel;
  readonly initialFrom?: string;
}) {
  const choices = probeChoices(model);
  const uid = useId();
  const [from, setFrom] = useState(initialFrom ?? choices[0]?.id ?? '');
  const [to, setTo] = useState(
    choices.find((c) => c.id !== (initialFrom ?? choices[0]?.id))?.id ?? '',
  );
  const [port, setPort] = useState('');
  const [protocol, setProtocol] = useState<Protocol>('TCP');

  const dst = endpointOfNode(model, to);
  const declared = dst?.kind === 'workload' ? dst.workload.ports[0] : undefined;
  const portText = port.trim() === '' ? String(declared?.port ?? 80) : port.trim();
  const portValue: number | string = /^\d+$/.test(portText) ? Number(portText) : portText;
  const verdict = from !== to ? verdictBetween(model, from, to, portValue, protocol) : null;

  const select = (label: string, value: string, set: (v: string) => void) => (
    <label className="sp-field">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(e.target.value)}>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {displayText(c.label, 50)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="sp-section" aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>Probe a flow</h3>
      {choices.length < 2 ? (
        <p className="sp-muted">Add at least two workloads to probe flows between them.</p>
      ) : (
        <form className="sp-probe" onSubmit={(e) => e.preventDefault()}>
          {select('From', from, setFrom)}
          {select('To', to, setTo)}
          <div className="sp-row">
            <label className="sp-field">
              <span>Port</span>
              <input
                value={port}
                placeholder={String(declared?.port ?? 80)}
                inputMode="numeric"
                onChange={(e) => setPort(e.target.value)}
              />
            </label>
            <label className="sp-field">
              <span>Protocol</span>
              <select value={protocol} onChange={(e) => setProtocol(e.target.value as Protocol)}>
                {PROTOCOLS.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            </label>
          </div>
        </form>
      )}
      {from === to && choices.length >= 2 && (
        <p className="sp-muted">Pick two different endpoints.</p>
      )}
      {verdict && <VerdictView verdict={verdict} workspace={model.workspace} />}
    </section>
  );
}
