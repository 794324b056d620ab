export interface BenchRow {
  /** Flat figure name as written to bench-results.json, e.g. `search.p95_ms.5k`. */
  name: string;
  value: number;
  /** What it is compared with, printed beside it: "<= 30", "baseline 2500 ms: >= 50x faster". */
  goal?: string;
  /** undefined for figures that are only reported. */
  pass?: boolean;
}

/** Median of a list of timings. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0-100), nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
