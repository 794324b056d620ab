/** Prints the one line CI reads: `N passed, N failed, N skipped`. */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      const states = [...module.children.allTests()].map((test) => test.result().state);
      const moduleFailed = module.state() === 'failed';
      // A file that failed outside its tests (a beforeAll that could not start a browser, an import error)
      // leaves its tests unrun: they count as failed, at least one, never as skipped.
      const failedOutsideTests = moduleFailed && !states.includes('failed');
      for (const state of states) {
        if (state === 'passed') passed++;
        else if (state === 'failed' || failedOutsideTests) failed++;
        else skipped++;
      }
      if (failedOutsideTests && states.every((state) => state === 'passed')) failed++;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
