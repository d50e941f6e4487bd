import { z } from 'zod';

/** Where the app window sits on screen, in CSS pixels as the page sees them (screenX/Y, outerWidth/Height). */
export const windowBoundsSchema = z.strictObject({
  left: z.number().int().min(-100_000).max(100_000),
  top: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});

export type WindowBounds = z.infer<typeof windowBoundsSchema>;

/** Below this the UI cannot show a connection card; a saved size smaller than that (a window shrunk by accident) is grown back. */
const minimum = { width: 480, height: 400 };

/** The browser switches that open the window where it was last left. */
export function windowBoundsArgs(bounds: WindowBounds | undefined): readonly string[] {
  if (bounds === undefined) return ['--window-size=1000,760'];
  const width = Math.max(bounds.width, minimum.width);
  const height = Math.max(bounds.height, minimum.height);
  return [`--window-size=${width},${height}`, `--window-position=${bounds.left},${bounds.top}`];
}
