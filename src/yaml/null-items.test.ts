import { describe, expect, it } from 'vitest';
import { readWorkspace } from './read-workspace.ts';

// DF7: `- ~` in a rule list reads as an empty rule, i.e. allow all: accepted by the API server,
// and almost never what the author meant.
describe('null list items', () => {
  it('warns, located at the item, that an empty rule or port allows everything', () => {
    const text = [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata: {name: p, namespace: x}',
      'spec:',
      '  podSelector: {}',
      '  ingress:',
      '  - ~',
      '  egress:',
      '  -',
      '  - to: [{podSelector: {}}]',
      '    ports:',
      '    - null',
      '',
    ].join('\n');
    const ws = readWorkspace(text);
    const warnings = ws.diagnostics.map((d) => [
      d.severity,
      d.code,
      d.path,
      d.line,
      d.column,
      d.message,
    ]);
    expect(warnings).toEqual([
      [
        'warning',
        'DF7',
        'spec.ingress[0]',
        7,
        5,
        'spec.ingress[0]: a null list item is read as an empty ingress rule, which allows all incoming traffic on every port',
      ],
      [
        'warning',
        'DF7',
        'spec.egress[0]',
        9,
        4,
        'spec.egress[0]: a null list item is read as an empty egress rule, which allows all outgoing traffic on every port',
      ],
      [
        'warning',
        'DF7',
        'spec.egress[1].ports[0]',
        12,
        7,
        'spec.egress[1].ports[0]: a null list item is read as an empty port entry, which allows every TCP port',
      ],
    ]);
    // The policy stays valid and means exactly what Kubernetes makes of it.
    expect(ws.policies[0]).toMatchObject({
      valid: true,
      ingress: [{ peers: null, ports: null }],
      egress: [
        { peers: null, ports: null },
        { ports: [{ protocol: 'TCP', port: null, endPort: null }] },
      ],
    });
  });
});
