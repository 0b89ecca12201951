// check's outputs: one PASS/FAIL line per expectation (a failure with each failing flow and its
// explanation), or JSON.
import type { ExpectationResult } from '../engine/check-expectations.ts';
import { endText } from '../engine/check-expectations.ts';
import type { LocatedExpectation } from './expectations-file.ts';

const MAX_FLOWS = 20;

function title(e: LocatedExpectation): string {
  const x = e.expectation;
  return `${e.name ? `${e.name}: ` : ''}${endText(x.from)} → ${endText(x.to)} ${x.protocol} ${x.port} ${x.allowed ? 'allowed' : 'denied'}`;
}

export function checkText(
  file: string,
  located: readonly LocatedExpectation[],
  results: readonly ExpectationResult[],
): string {
  const out: string[] = [];
  results.forEach((r, k) => {
    const e = located[k] as LocatedExpectation;
    if (r.passed) {
      out.push(`PASS ${title(e)} (${r.checked} flow${r.checked === 1 ? '' : 's'})`);
      return;
    }
    out.push(`FAIL ${file}:${e.line}:${e.column}: ${title(e)}`);
    if (r.problem !== undefined) out.push(`  ${r.problem}`);
    for (const f of r.failures.slice(0, MAX_FLOWS))
      out.push(
        `  ${f.from} → ${f.to} ${f.protocol} ${f.port ?? e.expectation.port} is ${f.allowed ? 'allowed' : 'denied'}: ${f.reason.replace(/^(allowed|denied): /, '')}`,
      );
    if (r.failures.length > MAX_FLOWS) out.push(`  …and ${r.failures.length - MAX_FLOWS} more`);
  });
  const failed = results.filter((r) => !r.passed).length;
  out.push(`${results.length - failed} passed, ${failed} failed`);
  return `${out.join('\n')}\n`;
}

export function checkJson(
  file: string,
  located: readonly LocatedExpectation[],
  results: readonly ExpectationResult[],
) {
  const failed = results.filter((r) => !r.passed).length;
  return {
    passed: results.length - failed,
    failed,
    results: results.map((r, k) => {
      const e = located[k] as LocatedExpectation;
      return {
        file,
        line: e.line,
        column: e.column,
        ...(e.name ? { name: e.name } : {}),
        from: endText(r.expectation.from),
        to: endText(r.expectation.to),
        port: r.expectation.port,
        protocol: r.expectation.protocol,
        expected: r.expectation.allowed ? 'allowed' : 'denied',
        passed: r.passed,
        checked: r.checked,
        ...(r.problem !== undefined ? { problem: r.problem } : {}),
        failures: r.failures,
      };
    }),
  };
}
