// v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy in the Problems list: a warning that the
// API is deprecated, a click to its kind in the YAML, and a one-click Migrate to v1alpha2 (the same
// rewrite the cluster-policy inspector offers, one undo step).
import { memo } from 'react';
import { migrateClusterPolicy } from '../../store/cluster-gestures.ts';
import type { MigrationOffer } from '../../store/cluster-gestures.ts';
import { useWorkspaceStore, workspaceStore } from '../../store/workspace-store.ts';
import { displayText } from './display-text.ts';
import { SeverityIcon } from './SeverityIcon.tsx';

const MigrationRow = memo(function MigrationRow({ offer }: { readonly offer: MigrationOffer }) {
  const broken = useWorkspaceStore((s) => s.hasSyntaxErrors);
  const { range } = offer;
  const title = broken
    ? 'Fix the YAML errors first'
    : (offer.blocked ?? 'Rewrite this document as a v1alpha2 ClusterNetworkPolicy');
  return (
    <li className="lint-row" data-rule="cnp-v1alpha1">
      <button
        type="button"
        className="problem problem-warning"
        title="Show in the YAML"
        onClick={() => workspaceStore.getState().revealRange(range)}
      >
        <SeverityIcon severity="warning" />
        <span className="problem-text">
          <span className="problem-message">
            <span className="sr-only">Warning: </span>
            {displayText(offer.message, 400)}
            {offer.blocked
              ? ` It cannot be migrated as it stands: ${displayText(offer.blocked, 200)}.`
              : ''}
          </span>
          <span className="problem-where">
            {displayText(offer.id, 80)} · line {range.line}:{range.column}
          </span>
        </span>
      </button>
      <button
        type="button"
        className="btn lint-fix"
        disabled={broken || offer.blocked !== null}
        title={title}
        aria-label={`Migrate ${offer.id} to ClusterNetworkPolicy v1alpha2`}
        onClick={() => migrateClusterPolicy(offer.id)}
      >
        Migrate
      </button>
    </li>
  );
});

export function MigrationOffers({ offers }: { readonly offers: readonly MigrationOffer[] }) {
  if (offers.length === 0) return null;
  return (
    <ul className="problems-list" aria-label="Deprecated cluster policies">
      {offers.map((o) => (
        <MigrationRow key={o.id} offer={o} />
      ))}
    </ul>
  );
}
