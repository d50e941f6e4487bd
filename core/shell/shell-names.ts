/** The shells we write commands for: each quotes and sets variables its own way. Node-free, so the UI's contract can name them. */
export const shells = ['bash', 'zsh', 'fish', 'powershell', 'cmd'] as const;

export type Shell = (typeof shells)[number];
