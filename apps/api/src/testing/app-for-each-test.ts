// Each test its own app on a clock it can move: the hooks that build one before every test of
// a file and close it after, so a spec states only what it keeps of it.
import { afterEach, beforeEach } from 'vitest';
import { createTestApp, TestClock, type TestApp } from './test-app.ts';

export interface FreshApp {
  t: TestApp;
  clock: TestClock;
}

/** Before each test a new app on a new `TestClock`, handed to `use`; closed after the test. */
export function appForEachTest(use: (fresh: FreshApp) => void): void {
  let t: TestApp | undefined;
  beforeEach(async () => {
    const clock = new TestClock();
    t = await createTestApp({}, clock);
    use({ t, clock });
  });
  afterEach(async () => {
    await t?.close();
  });
}
