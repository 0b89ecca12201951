// diff's outputs: Markdown a reviewer pastes into a pull request, or JSON.
import type { FlowChange, ReachabilityDiff } from '../engine/diff-reachability.ts';

const MAX_ROWS = 200;

/** Table cells are user text: pipes and line breaks would break the table. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

function table(title: string, by: string, flows: readonly FlowChange[]): string {
  if (flows.length === 0) return '';
  const rows = flows
    .slice(0, MAX_ROWS)
    .map(
      (f) =>
        `| ${cell(f.from)} | ${cell(f.to)} | ${f.protocol} ${f.port}${f.portName ? ` (${cell(f.portName)})` : ''} | ${cell(f.policies.join(', ') || '—')} |`,
    );
  const more =
    flows.length > MAX_ROWS ? `\n\n…and ${flows.length - MAX_ROWS} more (see --format json).` : '';
  return `\n**${title}** (${flows.length})\n\n| from | to | port | ${by} |\n|---|---|---|---|\n${rows.join('\n')}${more}\n`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function diffMarkdown(d: ReachabilityDiff): string {
  const heading =
    d.newlyAllowed.length === 0 && d.newlyDenied.length === 0
      ? `### NetworkPolicy reachability: no change (${plural(d.flowsCompared, 'flow')} compared)\n`
      : `### NetworkPolicy reachability: ${d.newlyAllowed.length} newly allowed, ${d.newlyDenied.length} newly denied\n`;
  const workloads = [
    d.addedWorkloads.length > 0
      ? `Only in the new version (not compared): ${d.addedWorkloads.join(', ')}.`
      : '',
    d.removedWorkloads.length > 0
      ? `Only in the old version (not compared): ${d.removedWorkloads.join(', ')}.`
      : '',
  ].filter(Boolean);
  return `${heading}${table('Newly allowed', 'allowed by', d.newlyAllowed)}${table('Newly denied', 'decided by', d.newlyDenied)}${
    workloads.length > 0 ? `\n${workloads.join('\n')}\n` : ''
  }`;
}
