// The editor shell. The canvas and YAML pane arrive with the editor issue.
export function App() {
  return (
    <main>
      <h1>netpol-canvas</h1>
      <p>A visual editor for Kubernetes NetworkPolicies.</p>
    </main>
  );
}
