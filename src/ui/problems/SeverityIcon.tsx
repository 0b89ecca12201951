// Severity shown by shape as well as colour (a circle with ×, a triangle, an "i").
import type { Severity } from '../../model/types.ts';

export function SeverityIcon({ severity }: { readonly severity: Severity }) {
  return (
    <svg
      className={`sev-icon sev-${severity}`}
      width="14"
      height="14"
      viewBox="0 0 16 16"
      aria-hidden="true"
    >
      {severity === 'error' && (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M5.5 5.5l5 5m0-5l-5 5" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
        </>
      )}
      {severity === 'warning' && (
        <>
          <path d="M8 1.5l7 12.5H1z" fill="currentColor" />
          <path d="M8 6v4" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="8" cy="12" r="0.9" fill="#fff" />
        </>
      )}
      {severity === 'info' && (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M8 7v4.5" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="8" cy="4.8" r="0.9" fill="#fff" />
        </>
      )}
    </svg>
  );
}
