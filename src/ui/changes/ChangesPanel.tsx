// What the last edit (or everything since a baseline) newly allows and newly denies, workload
// pair by pair, with undo one click away: an edit's effect is never silent.
import { useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { changeStore, useChangeStore } from '../../store/change-store.ts';
import type { ChangeState } from '../../store/change-store.ts';
import type { TextDiff } from '../../store/diff-texts.ts';
import { workspaceStore } from '../../store/workspace-store.ts';
import type { FlowChange } from '../../engine/diff-reachability.ts';
import { displayText } from '../problems/display-text.ts';
import './changes.css';

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function port(c: FlowChange): string {
  return `${c.protocol} ${c.port}${c.portName ? ` (${c.portName})` : ''}`;
}

function ChangeRow({ c, allowed }: { readonly c: FlowChange; readonly allowed: boolean }) {
  return (
    <li>
      <button
        type="button"
        className={`change-row ${allowed ? 'now-allowed' : 'now-denied'}`}
        title={`${displayText(c.reason, 400)}\nClick to show ${displayText(c.from, 80)}'s flows on the canvas.`}
        onClick={() => workspaceStore.getState().select({ kind: 'workload', id: c.from })}
      >
        <span aria-hidden="true" className="change-glyph">
          {allowed ? '✓' : '✗'}
        </span>
        <span className="change-pair">
          {displayText(c.from, 60)} → {displayText(c.to, 60)}
        </span>
        <span className="change-port">{port(c)}</span>
      </button>
    </li>
  );
}

function ChangeList(props: {
  readonly title: string;
  readonly items: readonly FlowChange[];
  readonly total: number;
  readonly allowed: boolean;
}) {
  if (props.total === 0) return null;
  return (
    <>
      <h3 className="changes-subtitle">
        {props.title} ({props.total.toLocaleString('en')})
      </h3>
      <ul className="changes-list" aria-label={props.title}>
        {props.items.map((c) => (
          <ChangeRow
            key={`${c.from}|${c.to}|${c.protocol}/${c.port}`}
            c={c}
            allowed={props.allowed}
          />
        ))}
      </ul>
      {props.total > props.items.length && (
        <p className="changes-more">and {plural(props.total - props.items.length, 'more')}</p>
      )}
    </>
  );
}

function sentence(s: Pick<ChangeState, 'mode' | 'baseline' | 'lastEdit'>, d: TextDiff): string {
  const what =
    s.mode === 'baseline'
      ? `Since ${s.baseline?.label ?? 'the baseline'}, the manifests`
      : s.lastEdit?.origin === 'history'
        ? 'Undo or redo'
        : 'Your last edit';
  if (d.allowedCount === 0 && d.deniedCount === 0)
    return `${what} changed no verdict between workloads.`;
  const parts = [
    d.allowedCount > 0 &&
      `newly allow${s.mode === 'baseline' ? '' : 's'} ${plural(d.allowedCount, 'flow')}`,
    d.deniedCount > 0 &&
      `newly den${s.mode === 'baseline' ? 'y' : 'ies'} ${plural(d.deniedCount, 'flow')}`,
  ].filter(Boolean);
  return `${what} ${parts.join(' and ')}.`;
}

export function ChangesPanel() {
  const mode = useChangeStore((s) => s.mode);
  const baseline = useChangeStore((s) => s.baseline);
  const lastEdit = useChangeStore((s) => s.lastEdit);
  const result = useChangeStore((s) => s.result);
  // Folded by default: the header's counts are the news; the list is a click away.
  const [open, setOpen] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const diff = result.status === 'ready' ? result.diff : null;

  const keepCurrent = () => {
    const time = new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    changeStore.getState().setBaseline({
      text: workspaceStore.getState().lastValid.text,
      label: `the text of ${time}`,
    });
  };
  const compareFile = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    void f.text().then(
      (text) => changeStore.getState().setBaseline({ text, label: displayText(f.name, 60) }),
      () => workspaceStore.getState().notify(`could not read ${f.name}`, 'error'),
    );
  };

  return (
    <section className="changes" aria-labelledby="changes-title">
      <h2 className="problems-header changes-header">
        <button
          type="button"
          className="problems-toggle"
          aria-expanded={open}
          aria-controls="changes-body"
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true" className={`chevron ${open ? 'open' : ''}`}>
            ›
          </span>
          <span id="changes-title">Changes</span>
          <span className="problems-counts" aria-live="polite">
            {result.status === 'computing' && <span className="count">comparing…</span>}
            {diff && diff.allowedCount > 0 && (
              <span className="count change-count-allowed">✓ {diff.allowedCount} allowed</span>
            )}
            {diff && diff.deniedCount > 0 && (
              <span className="count change-count-denied">✗ {diff.deniedCount} denied</span>
            )}
            {(result.status === 'none' ||
              (diff && diff.allowedCount === 0 && diff.deniedCount === 0)) && (
              <span className="count">None</span>
            )}
          </span>
        </button>
        {diff && mode === 'edit' && diff.allowedCount + diff.deniedCount > 0 && (
          <button
            type="button"
            className="tb-btn changes-undo"
            title="Undo the last edit"
            onClick={() => workspaceStore.getState().undo()}
          >
            Undo
          </button>
        )}
      </h2>
      {open && (
        <div id="changes-body" className="problems-body changes-body">
          <div className="changes-compare" role="radiogroup" aria-label="Compare with">
            <label>
              <input
                type="radio"
                name="compare"
                checked={mode === 'edit'}
                onChange={() => changeStore.getState().setMode('edit')}
              />
              Last edit
            </label>
            <label title={baseline ? `Compare with ${baseline.label}` : 'Keep a baseline first'}>
              <input
                type="radio"
                name="compare"
                checked={mode === 'baseline'}
                disabled={!baseline}
                onChange={() => changeStore.getState().setMode('baseline')}
              />
              Baseline{baseline ? `: ${baseline.label}` : ''}
            </label>
          </div>
          <div className="changes-actions">
            <button type="button" className="tb-btn" onClick={keepCurrent}>
              Keep this text as baseline
            </button>
            <button type="button" className="tb-btn" onClick={() => file.current?.click()}>
              Compare with a file…
            </button>
            {baseline && (
              <button
                type="button"
                className="tb-btn"
                onClick={() => changeStore.getState().setBaseline(null)}
              >
                Forget baseline
              </button>
            )}
            <input
              ref={file}
              type="file"
              accept=".yaml,.yml,.json,text/yaml,application/json"
              hidden
              aria-label="Baseline file"
              onChange={compareFile}
            />
          </div>
          {result.status === 'none' && (
            <p className="problems-empty">
              {mode === 'edit'
                ? 'Edit the YAML or draw on the canvas: what the edit newly allows or denies shows here.'
                : 'The text is the same as the baseline.'}
            </p>
          )}
          {result.status === 'failed' && (
            <p className="problems-empty">Could not compare: {displayText(result.message, 200)}</p>
          )}
          {diff && (
            <>
              <p className="changes-summary">{sentence({ mode, baseline, lastEdit }, diff)}</p>
              {(diff.addedWorkloads > 0 || diff.removedWorkloads > 0) && (
                <p className="changes-more">
                  {[
                    diff.addedWorkloads > 0 && `${plural(diff.addedWorkloads, 'workload')} added`,
                    diff.removedWorkloads > 0 &&
                      `${plural(diff.removedWorkloads, 'workload')} removed`,
                  ]
                    .filter(Boolean)
                    .join(', ')}
                  : their flows are not compared.
                </p>
              )}
              <ChangeList
                title="Newly allowed"
                items={diff.newlyAllowed}
                total={diff.allowedCount}
                allowed
              />
              <ChangeList
                title="Newly denied"
                items={diff.newlyDenied}
                total={diff.deniedCount}
                allowed={false}
              />
            </>
          )}
        </div>
      )}
    </section>
  );
}
