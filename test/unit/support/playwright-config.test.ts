import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function forbidOnly(configModule: string, ci: string | undefined): Promise<boolean | undefined> {
  vi.resetModules();
  vi.stubEnv('CI', ci);
  const loaded = (await import(configModule)) as { config: { forbidOnly?: boolean } };
  return loaded.config.forbidOnly;
}

describe.each(['../../../playwright.config.ts', '../../electron/playwright.config.ts'])('%s', (configModule) => {
  it('refuses test.only under CI, and allows it on a desk', async () => {
    expect(await forbidOnly(configModule, 'true')).toBe(true);
    expect(await forbidOnly(configModule, undefined)).toBe(false);
  });
});
