// The line CI reads must count a test file that broke outside its tests (a browser that would not start)
// as failed: reported as skipped, a missing browser would look like a smaller but green run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'pykala-reporter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function summaryOf(files: Record<string, string>): string {
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  let out: string;
  try {
    out = execFileSync(join(ROOT, 'node_modules/.bin/vitest'), ['run', '--root', dir, `--reporter=${join(ROOT, 'tests/summary-reporter.ts')}`], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    out = (error as { stdout: string }).stdout;
  }
  for (const name of Object.keys(files)) rmSync(join(dir, name));
  return out.trim().split('\n').pop()!;
}

const twoTests = "it('one', () => expect(1).toBe(1));\nit('two', () => expect(1).toBe(1));\n";

describe('the summary line CI reads', () => {
  it('counts the unrun tests of a file whose beforeAll threw as failed', () => {
    const setupFails = `import { beforeAll, it, expect } from 'vitest';\nbeforeAll(() => { throw new Error('no browser'); });\n${twoTests}`;
    const fine = `import { it, expect } from 'vitest';\n${twoTests}it.skip('later', () => {});\n`;
    expect(summaryOf({ 'a.test.ts': setupFails, 'b.test.ts': fine })).toBe('2 passed, 2 failed, 1 skipped');
  }, 60_000);

  it('counts a file that cannot even be imported as one failure', () => {
    expect(summaryOf({ 'c.test.ts': "import './missing-module';\n" })).toBe('0 passed, 1 failed, 0 skipped');
  }, 60_000);
});
