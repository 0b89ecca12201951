// The question a gesture asks when lint says it would break flows a rule admits (a default deny
// after the user drew flows): keep them (the missing rules are added in the same step), deny them
// as asked, or leave the text alone. Never a silent break.
import { answerGestureQuestion, useLintStore } from '../../store/lint-store.ts';
import { ChoiceDialog } from '../workspace-io/ChoiceDialog.tsx';
import type { Choice } from '../workspace-io/ChoiceDialog.tsx';
import { displayText } from './display-text.ts';

const LISTED = 8;

export function GestureCheckDialog() {
  const question = useLintStore((s) => s.question);
  if (!question) return null;
  const { broken, keep, stillBroken } = question.check;
  const n = broken.length;
  const choices: Choice[] = [
    ...(keep ? [{ value: 'keep', label: 'Keep the flows', tone: 'primary' as const }] : []),
    { value: 'break', label: keep ? 'Deny them' : 'Deny anyway', tone: 'danger' },
  ];
  return (
    <ChoiceDialog
      title={`${question.label}?`}
      choices={choices}
      onClose={(v) => answerGestureQuestion(v === 'keep' || v === 'break' ? v : null)}
    >
      <p>
        This would deny {n === 1 ? 'a flow' : `${n} sets of flows`} that your rules allow on the
        other side:
      </p>
      <ul className="gesture-check-flows" aria-label="Flows it would break">
        {broken.slice(0, LISTED).map((f, i) => (
          <li key={i}>{displayText(f.message, 320)}</li>
        ))}
        {n > LISTED && <li>and {n - LISTED} more</li>}
      </ul>
      {keep ? (
        <p>
          <strong>Keep the flows</strong> adds the rules that allow them on this side too, in the
          same undo step.
          {stillBroken.length > 0 &&
            ` ${stillBroken.length} of them name several flows and stay denied: see Problems.`}
        </p>
      ) : (
        <p>No single rule keeps them: deny anyway and review them in Problems, or cancel.</p>
      )}
    </ChoiceDialog>
  );
}
