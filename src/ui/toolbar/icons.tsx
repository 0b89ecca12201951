// Toolbar icons: small inline strokes, decorative (every button carries its own accessible name).
import type { ReactNode } from 'react';

function Icon({ children }: { readonly children: ReactNode }) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}

export const NewIcon = () => (
  <Icon>
    <path d="M9.5 1.75H4a1.25 1.25 0 0 0-1.25 1.25v10A1.25 1.25 0 0 0 4 14.25h8A1.25 1.25 0 0 0 13.25 13V5.5z" />
    <path d="M9.5 1.75V5.5h3.75M8 8v4M6 10h4" />
  </Icon>
);
export const ImportIcon = () => (
  <Icon>
    <path d="M8 2v8M5 7l3 3 3-3M2.75 11v2.25h10.5V11" />
  </Icon>
);
export const ExportIcon = () => (
  <Icon>
    <path d="M8 10V2M5 5l3-3 3 3M2.75 11v2.25h10.5V11" />
  </Icon>
);
export const ExamplesIcon = () => (
  <Icon>
    <path d="M2.5 3.25h4l1.5 1.5h5.5v8h-11z" />
  </Icon>
);
export const UndoIcon = () => (
  <Icon>
    <path d="M5.5 3.5L2.5 6.5l3 3" />
    <path d="M2.5 6.5h7a3.5 3.5 0 0 1 0 7H7" />
  </Icon>
);
export const RedoIcon = () => (
  <Icon>
    <path d="M10.5 3.5l3 3-3 3" />
    <path d="M13.5 6.5h-7a3.5 3.5 0 0 0 0 7H9" />
  </Icon>
);
export const LayoutIcon = () => (
  <Icon>
    <rect x="2" y="2.5" width="4.5" height="4" rx="1" />
    <rect x="9.5" y="9.5" width="4.5" height="4" rx="1" />
    <path d="M4.25 6.5v5h5.25" />
  </Icon>
);
export const FitIcon = () => (
  <Icon>
    <path d="M2 5.5V2h3.5M10.5 2H14v3.5M14 10.5V14h-3.5M5.5 14H2v-3.5" />
  </Icon>
);
export const NamespaceIcon = () => (
  <Icon>
    <rect x="2" y="2.5" width="12" height="11" rx="2" strokeDasharray="2.5 1.5" />
  </Icon>
);
export const WorkloadIcon = () => (
  <Icon>
    <path d="M8 1.75l5.5 3.1v6.3L8 14.25l-5.5-3.1v-6.3z" />
  </Icon>
);
export const ExternalIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="6" />
    <path d="M2 8h12M8 2c1.8 2 1.8 10 0 12M8 2c-1.8 2-1.8 10 0 12" />
  </Icon>
);
export const PaneIcon = () => (
  <Icon>
    <rect x="1.75" y="2.5" width="12.5" height="11" rx="1.5" />
    <path d="M6.5 2.5v11" />
  </Icon>
);
