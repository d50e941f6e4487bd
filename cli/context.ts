import type { CliIo } from './io.js';

/** What every command gets from the composition root. */
export interface CliContext {
  readonly io: CliIo;
  readonly verbose: () => boolean;
  /** Sentences for the person on stderr, prefixed so scripts can tell them from errors. */
  readonly warn: (warnings: readonly string[]) => void;
}
