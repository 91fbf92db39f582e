import { pathToFileURL } from 'node:url';

/** True when this module is the script node was started with (not imported by `run.ts`). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(script).href === moduleUrl;
}

export const fixed = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toFixed(digits) : String(value);

/** Prints rows as a plain aligned text table. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** Status codes other than 2xx, as `429×12 503×1`. */
export function otherStatuses(statusCodes: Record<string, number>): string {
  const parts = Object.entries(statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, count]) => `${code}×${count}`);
  return parts.length > 0 ? parts.join(' ') : 'none';
}

/** `5,428.7 req/s (rounds 5,120 5,610 …), p50 7.0 ms, p99 19.0 ms (worst 23.0), errors 0, non-2xx 0`. */
export function describeRounds(f: {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  roundRates: number[];
  p99WorstMs: number;
}): string {
  const rounds = f.roundRates.map((rate) => rate.toFixed(0)).join(' ');
  return (
    `${fixed(f.requestsPerSecond)} req/s (rounds ${rounds}), p50 ${fixed(f.p50Ms)} ms, ` +
    `p99 ${fixed(f.p99Ms)} ms (worst ${fixed(f.p99WorstMs)}), errors ${f.errors}, non-2xx ${f.non2xx}`
  );
}
