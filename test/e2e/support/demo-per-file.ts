import { test } from '@playwright/test';
import type { DemoStack } from '../../emulators/demo-stack.js';
import { startDemoStack } from '../../emulators/demo-stack.js';
import type { UiHost } from './ui-host.js';

/** Demo Corp's emulators, started once for a spec file, and the UI hosts its tests start, each stopped after its test. */
export interface DemoPerFile {
  readonly stack: DemoStack;
  /** Stops `host` after the current test; returns it. */
  readonly track: (host: UiHost) => UiHost;
}

export function demoPerFile(): DemoPerFile {
  let stack: DemoStack | undefined;
  const hosts: UiHost[] = [];
  test.beforeAll(async () => {
    stack = await startDemoStack();
  });
  test.afterAll(async () => {
    await stack?.close();
  });
  test.afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.stop()));
  });
  return {
    get stack(): DemoStack {
      if (stack === undefined) throw new Error('The demo stack starts in beforeAll: use it inside a test.');
      return stack;
    },
    track: (host) => {
      hosts.push(host);
      return host;
    },
  };
}
