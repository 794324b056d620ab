/**
 * `npm run bench`: runs every benchmark under bench/, prints each figure beside the goal or baseline
 * it must beat, and writes the flat figures to bench-results.json. Each bench/*.bench.ts exports
 * `run(): Promise<BenchRow[]>`.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow } from '../bench/types';

const benchDir = resolve(import.meta.dirname, '../bench');
const only = process.argv[2];
const rows: BenchRow[] = [];
for (const file of readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).sort()) {
  if (only && !file.includes(only)) continue;
  const module = (await import(pathToFileURL(resolve(benchDir, file)).href)) as { run: () => Promise<BenchRow[]> };
  process.stderr.write(`running ${file}...\n`);
  rows.push(...(await module.run()));
}

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`\n${pad('figure', 44)} ${pad('value', 14)} ${pad('goal / baseline', 34)} verdict`);
for (const row of rows) {
  const verdict = row.pass === undefined ? 'reported' : row.pass ? 'ok' : 'MISSED';
  console.log(`${pad(row.name, 44)} ${pad(String(round(row.value)), 14)} ${pad(row.goal ?? '', 34)} ${verdict}`);
}
const results = Object.fromEntries(rows.map((r) => [r.name, round(r.value)]));
const out = resolve(import.meta.dirname, '../bench-results.json');
if (!only) writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
