// Small inline icons for the canvas: workload kinds, isolation, verdicts. Decorative (aria-hidden):
// every node and edge carries its meaning in text too.
import type { WorkloadKind } from '../../../model/types.ts';

const common = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true } as const;

export function KindIcon({
  kind,
  inferred,
}: {
  readonly kind: WorkloadKind;
  readonly inferred: boolean;
}) {
  if (inferred)
    return (
      <svg {...common}>
        <circle
          cx="8"
          cy="8"
          r="6"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeDasharray="2.5 2"
        />
        <text x="8" y="11.5" fontSize="9" textAnchor="middle" fill="currentColor">
          ?
        </text>
      </svg>
    );
  if (kind === 'Pod')
    return (
      <svg {...common}>
        <path
          d="M8 1.5l5.6 3.2v6.6L8 14.5l-5.6-3.2V4.7z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        />
      </svg>
    );
  if (kind === 'StatefulSet')
    return (
      <svg {...common}>
        <ellipse
          cx="8"
          cy="4"
          rx="5.5"
          ry="2.2"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.4"
        />
        <path
          d="M2.5 4v8c0 1.2 2.5 2.2 5.5 2.2s5.5-1 5.5-2.2V4M2.5 8c0 1.2 2.5 2.2 5.5 2.2s5.5-1 5.5-2.2"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.4"
        />
      </svg>
    );
  if (kind === 'Job' || kind === 'CronJob')
    return (
      <svg {...common}>
        <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
    );
  // Deployment, DaemonSet, ReplicaSet: a stack of pods.
  return (
    <svg {...common}>
      <rect
        x="4.5"
        y="1.5"
        width="10"
        height="8"
        rx="1.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.3"
      />
      <rect
        x="1.5"
        y="5.5"
        width="10"
        height="8"
        rx="1.5"
        fill="#fff"
        stroke="currentColor"
        strokeWidth="1.5"
      />
    </svg>
  );
}

export function LockIcon({ closed }: { readonly closed: boolean }) {
  return (
    <svg {...common} width={11} height={11}>
      <rect
        x="3"
        y="7"
        width="10"
        height="7.5"
        rx="1.5"
        fill={closed ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="1.5"
      />
      <path
        d={closed ? 'M5.5 7V5a2.5 2.5 0 015 0v2' : 'M5.5 7V5a2.5 2.5 0 015 0'}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
    </svg>
  );
}

export function GlobeIcon() {
  return (
    <svg {...common} width={16} height={16}>
      <circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" strokeWidth="1.4" />
      <path
        d="M1.7 8h12.6M8 1.7c2 2 2 10.6 0 12.6M8 1.7c-2 2-2 10.6 0 12.6"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.2"
      />
    </svg>
  );
}
