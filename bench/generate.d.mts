// Types of bench/generate.mjs for the TypeScript benchmarks.
export function generateCluster(
  pods: number,
  options?: { clusterPolicies?: number; policies?: number },
): string;
