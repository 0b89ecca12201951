// The probe: pick a source, a destination, a port and a protocol; the verdict and its reasons
// update as you choose.
import { useId, useState } from 'react';
import { displayText } from '../../model/display-text.ts';
import { PROTOCOLS } from '../../model/types.ts';
import type { Protocol } from '../../model/types.ts';
import { verdictBetween } from '../../store/canvas-model.ts';
import type { CanvasModel } from '../../store/canvas-model.ts';
import { endpointOfNode, probeChoices } from '../../store/endpoints.ts';
import type { ProbeChoice } from '../../store/endpoints.ts';
import { VerdictView } from './VerdictView.tsx';
import { useOptionsOnDemand } from './use-options-on-demand.ts';

interface Ends {
  readonly from: string;
  readonly to: string;
}

/**
 * Ends that exist in the workspace: an end the current choices lack (the workspace was replaced or
 * the workload removed) falls back to the first choice that differs from the other end.
 */
function existingEnds(ends: Ends, choices: readonly ProbeChoice[]): Ends {
  const ids = new Set(choices.map((c) => c.id));
  const keptTo = ids.has(ends.to) ? ends.to : undefined;
  const from = ids.has(ends.from) ? ends.from : (choices.find((c) => c.id !== keptTo)?.id ?? '');
  const to = keptTo ?? choices.find((c) => c.id !== from)?.id ?? '';
  return { from, to };
}

export function ProbeBox({
  model,
  initialFrom,
}: {
  readonly model: CanvasModel;
  readonly initialFrom?: string;
}) {
  const choices = probeChoices(model);
  const uid = useId();
  const [ends, setEnds] = useState(() =>
    existingEnds({ from: initialFrom ?? '', to: '' }, choices),
  );
  // A select whose value is not among its options shows the first one while the probe silently
  // evaluates nothing; so ends that left the workspace are replaced here, during render.
  const valid = existingEnds(ends, choices);
  if (valid.from !== ends.from || valid.to !== ends.to) setEnds(valid);
  const { from, to } = valid;
  const setFrom = (id: string) => setEnds({ from: id, to });
  const setTo = (id: string) => setEnds({ from, to: id });
  const [port, setPort] = useState('');
  const [protocol, setProtocol] = useState<Protocol>('TCP');

  const dst = endpointOfNode(model, to);
  const declared = dst?.kind === 'workload' ? dst.workload.ports[0] : undefined;
  const portText = port.trim() === '' ? String(declared?.port ?? 80) : port.trim();
  const portValue: number | string = /^\d+$/.test(portText) ? Number(portText) : portText;
  const verdict = from !== to ? verdictBetween(model, from, to, portValue, protocol) : null;

  const fromOptions = useOptionsOnDemand(choices.length);
  const toOptions = useOptionsOnDemand(choices.length);
  const select = (
    label: string,
    value: string,
    set: (v: string) => void,
    options: ReturnType<typeof useOptionsOnDemand>,
  ) => (
    <label className="sp-field">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(e.target.value)} {...options.arm}>
        {(options.all ? choices : choices.filter((c) => c.id === value)).map((c) => (
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
          {select('From', from, setFrom, fromOptions)}
          {select('To', to, setTo, toOptions)}
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
        <p className="sp-muted">From and To are the same: pick another endpoint for a verdict.</p>
      )}
      {verdict && <VerdictView verdict={verdict} workspace={model.workspace} />}
    </section>
  );
}
