import { readFile, rm } from 'node:fs/promises';
import { lock } from 'proper-lockfile';
import { z } from 'zod';
import { AtlasSsoError } from '../errors.js';
import type { AppWindowPaths } from './app-window-paths.js';
import { ensurePrivateDir, writePrivateFile } from './private-files.js';

/** What a running `atlas-sso ui` leaves for the next one: where it listens, and the key it answers to. */
export const instanceRecordSchema = z.strictObject({
  pid: z.number().int().positive(),
  origin: z.string().regex(/^http:\/\/127\.0\.0\.1:\d{1,5}$/),
  key: z.string().min(32),
});

export type InstanceRecord = z.infer<typeof instanceRecordSchema>;

export type InstanceClaim =
  | { readonly kind: 'claimed'; readonly publish: (record: InstanceRecord) => Promise<void>; readonly release: () => Promise<void> }
  | { readonly kind: 'running'; readonly record: InstanceRecord };

export interface ClaimOptions {
  /** How long to wait for an instance that holds the lock but has not written its address yet (it is starting). */
  readonly waitMs?: number;
  /** A lock not refreshed for this long belongs to a process that died (proper-lockfile refreshes live ones). */
  readonly staleMs?: number;
}

/**
 * One `atlas-sso ui` per person: the first takes the lock in the app window's private folder and publishes its address;
 * any later one finds that address instead of starting a second server. A crashed instance's lock goes stale and is taken over.
 */
export async function claimInstance(paths: AppWindowPaths, options: ClaimOptions = {}): Promise<InstanceClaim> {
  await ensurePrivateDir(paths.dir);
  const deadline = Date.now() + (options.waitMs ?? 15_000);
  for (;;) {
    try {
      const release = await lock(paths.lockTarget, {
        realpath: false,
        stale: options.staleMs ?? 10_000,
        retries: 0,
        // The lock only keeps a second server from starting; losing it (a laptop asleep past `stale`) must not stop this one.
        onCompromised: () => undefined,
      });
      await rm(paths.instanceFile, { force: true });
      return {
        kind: 'claimed',
        publish: (record) => writePrivateFile(paths.instanceFile, `${JSON.stringify(record)}\n`),
        release: async () => {
          await rm(paths.instanceFile, { force: true });
          await release().catch(() => undefined);
        },
      };
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'ELOCKED')) throw error;
    }
    const record = await readInstanceRecord(paths.instanceFile);
    if (record !== undefined && isProcessAlive(record.pid)) return { kind: 'running', record };
    if (Date.now() >= deadline) {
      throw new AtlasSsoError(
        'host-unexpected',
        `Another "atlas-sso ui" holds ${paths.lockTarget}.lock but has not said where it listens. Wait a few seconds and try again; if no "atlas-sso ui" is running, remove that folder.`,
      );
    }
    await new Promise((resume) => setTimeout(resume, 200));
  }
}

async function readInstanceRecord(file: string): Promise<InstanceRecord | undefined> {
  try {
    const parsed = instanceRecordSchema.safeParse(JSON.parse(await readFile(file, 'utf8')) as unknown);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process of ours with this pid runs. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: gone. EPERM: someone else's process under a reused pid, so not our instance either.
    return false;
  }
}
