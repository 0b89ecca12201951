// A selected policy in plain words: what it selects (and how many workloads), which directions it
// isolates, and each rule with its AND/OR in bold, linked to the rule's text in the YAML.
import { Fragment } from 'react';
import type { NetworkPolicy } from '../../model/types.ts';
import { policyWords } from '../../view/rule-words.ts';
import type { DirectionWords, RuleWords, WordToken } from '../../view/rule-words.ts';
import type { CanvasModel } from '../canvas/use-canvas-model.ts';
import { PolicyLink } from './PolicyLink.tsx';
import './policy-words.css';

function Tokens({ tokens }: { readonly tokens: readonly WordToken[] }) {
  return tokens.map((t, i) =>
    t.strong ? (
      <strong key={i} className="pw-conj">
        {t.text}
      </strong>
    ) : (
      <Fragment key={i}>{t.text}</Fragment>
    ),
  );
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function Rule({
  rule,
  policy,
  model,
}: {
  readonly rule: RuleWords;
  readonly policy: NetworkPolicy;
  readonly model: CanvasModel;
}) {
  return (
    <li className="pw-rule" data-testid="policy-rule" data-words={rule.text}>
      <PolicyLink workspace={model.workspace} policyId={policy.id} path={rule.path}>
        {rule.label}
      </PolicyLink>
      : <Tokens tokens={rule.body.tokens} />
      {rule.admits && <div className="pw-admits">{capital(rule.admits.text)}</div>}
    </li>
  );
}

function Direction({
  words,
  policy,
  model,
}: {
  readonly words: DirectionWords;
  readonly policy: NetworkPolicy;
  readonly model: CanvasModel;
}) {
  return (
    <>
      <h4>{capital(words.direction)}</h4>
      {words.summary && (
        <p className={words.isolated ? 'pw-deny' : 'sp-note'}>{capital(words.summary.text)}</p>
      )}
      {words.rules.length > 0 && (
        <ol className="pw-rules" aria-label={`${capital(words.direction)} rules`}>
          {words.rules.map((r) => (
            <Rule key={r.path} rule={r} policy={policy} model={model} />
          ))}
        </ol>
      )}
    </>
  );
}

export function PolicyInspector({
  policy,
  model,
}: {
  readonly policy: NetworkPolicy;
  readonly model: CanvasModel;
}) {
  const words = policyWords(policy, model.workspace, model.index);
  return (
    <section className="sp-section policy-words" aria-label="Policy">
      <h3>
        <span className="sp-kind">NetworkPolicy</span>{' '}
        <PolicyLink workspace={model.workspace} policyId={policy.id} />
      </h3>
      {!policy.valid && (
        <p className="sp-note">Invalid: the API server would reject it, so it is not enforced.</p>
      )}
      <dl className="sp-facts">
        <dt>Selects</dt>
        <dd data-testid="policy-selects">
          {words.selects.text}
          {words.selectedText && (
            <span className="sp-muted">
              {' '}
              ({words.selectedText}
              {words.selected?.length ? ', ringed on the canvas' : ''})
            </span>
          )}
        </dd>
        <dt>Isolates for</dt>
        <dd>
          {words.isolatesFor}
          {policy.policyTypesDefaulted && (
            <span className="sp-muted"> (policyTypes not set: defaulted)</span>
          )}
        </dd>
      </dl>
      {words.directions.map((d) => (
        <Direction key={d.direction} words={d} policy={policy} model={model} />
      ))}
    </section>
  );
}
