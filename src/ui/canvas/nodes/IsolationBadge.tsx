// "in isolated" / "out open": whether policies isolate a workload for a direction, in words and
// with a closed or open lock, never by colour alone.
import { LockIcon } from './icons.tsx';

export function IsolationBadge(props: {
  readonly direction: 'ingress' | 'egress';
  readonly isolated: boolean;
}) {
  const { direction, isolated } = props;
  const word = direction === 'ingress' ? 'in' : 'out';
  return (
    <span
      className={`iso-badge ${isolated ? 'isolated' : 'open'}`}
      title={
        isolated
          ? `Isolated for ${direction}: only what policies allow gets ${direction === 'ingress' ? 'in' : 'out'}`
          : `Not isolated for ${direction}: everything is allowed`
      }
    >
      <LockIcon closed={isolated} />
      {word} {isolated ? 'isolated' : 'open'}
    </span>
  );
}
