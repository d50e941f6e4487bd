/** Only the layout this code writes; a newer app's file is refused rather than half-read and overwritten. */
export const connectionsFileVersion = 1;
