// A repair as data: lint (engine) says what would fix a finding, authoring turns it into text
// edits. It lives in the model because both layers read it and neither may import the other.
import type { NetworkPolicy, PolicyPeer, PolicyPort, PolicyRule } from './types.ts';

/**
 * A repair, as an intent: the authoring layer (src/authoring/lint-quick-fix.ts) turns it into
 * text edits, so the engine stays free of text.
 */
export type FixIntent =
  /** Append a rule to a policy's ingress or egress. */
  | {
      readonly kind: 'add-rule';
      readonly policy: string;
      readonly direction: 'ingress' | 'egress';
      readonly rule: PolicyRule;
    }
  /** Allow one side of a flow: the pods of `subject` gain a rule for `peer` on `ports`. */
  | {
      readonly kind: 'allow-side';
      readonly direction: 'ingress' | 'egress';
      /** `namespace/name` of the workload whose side is missing. */
      readonly subject: string;
      /** `namespace/name` of the workload at the other end. */
      readonly peer: string;
      readonly ports: readonly PolicyPort[] | null;
    }
  /** Replace peers `peerIndexes` of a rule by `peers` (one or more). */
  | {
      readonly kind: 'replace-peers';
      readonly policy: string;
      readonly direction: 'ingress' | 'egress';
      readonly ruleIndex: number;
      readonly peerIndexes: readonly number[];
      readonly peers: readonly PolicyPeer[];
    }
  /** Replace a port of a rule. */
  | {
      readonly kind: 'replace-port';
      readonly policy: string;
      readonly direction: 'ingress' | 'egress';
      readonly ruleIndex: number;
      readonly portIndex: number;
      readonly port: PolicyPort;
    }
  /** Remove a rule, or a whole policy. */
  | {
      readonly kind: 'remove-rule';
      readonly policy: string;
      readonly direction: 'ingress' | 'egress';
      readonly ruleIndex: number;
    }
  | { readonly kind: 'remove-policy'; readonly policy: string }
  /** Add policies (a default deny, say). */
  | { readonly kind: 'add-policies'; readonly policies: readonly NetworkPolicy[] };

export interface LintFix {
  /** What the user clicks: `Allow egress from front/web to api/api on TCP 8080`. */
  readonly title: string;
  readonly intent: FixIntent;
}
