// A modal question with a few answers (New: discard?, Import: replace or add?). The native
// <dialog> gives focus trapping, Escape and the inert background for free.
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';

export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly tone?: 'primary' | 'danger';
}

export interface ChoiceDialogProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly choices: readonly Choice[];
  /** The answer, or null when dismissed (Escape, Cancel). */
  readonly onClose: (value: string | null) => void;
}

export function ChoiceDialog({ title, children, choices, onClose }: ChoiceDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        e.preventDefault();
        onClose(null);
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <div id={bodyId} className="dialog-body">
        {children}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => onClose(null)}>
          Cancel
        </button>
        {/* showModal focuses the first button, Cancel: the safe answer to a destructive question. */}
        {choices.map((c) => (
          <button
            key={c.value}
            type="button"
            className={`btn ${c.tone ? `btn-${c.tone}` : ''}`}
            onClick={() => onClose(c.value)}
          >
            {c.label}
          </button>
        ))}
      </div>
    </dialog>
  );
}
