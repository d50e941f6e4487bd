/** One file a desktop entry consists of. */
export interface PlannedFile {
  readonly path: string;
  readonly content: string | Buffer;
  /** 0o644 by default; 0o755 for a launcher script. */
  readonly mode?: number;
}

/**
 * What `atlas-sso desktop-entry install` puts on this computer: files written as they are, and for Windows a program
 * that writes one more file (the Start-menu .lnk, whose binary format Windows itself writes best).
 */
export interface EntryPlan {
  readonly files: readonly PlannedFile[];
  readonly made?: { readonly path: string; readonly command: string; readonly args: readonly string[] };
  /** What to tell the person: where the entry shows up. */
  readonly where: string;
}

/** The command the launcher runs: this very Node and CLI script, by absolute path (a desktop session has no shell PATH). */
export interface LauncherCommand {
  readonly node: string;
  readonly script: string;
}

/** The PNG icons shipped in assets/icons, by edge length in pixels. */
export type IconSet = ReadonlyMap<number, Buffer>;

export const entryName = 'Atlas SSO';
export const entryComment = "Passwordless access to MongoDB Atlas with your company's sign-in";
