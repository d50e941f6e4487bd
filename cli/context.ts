import type { CliIo } from './io.js';

/** What every command gets from the composition root. */
export interface CliContext {
  readonly io: CliIo;
  readonly verbose: () => boolean;
  /** Sentences for the person on stderr, prefixed so scripts can tell them from errors. */
  readonly warn: (warnings: readonly string[]) => void;
  /** A command that runs a program in this terminal hands over its exit status, which becomes ours. */
  readonly reportStatus: (status: number) => void;
}
