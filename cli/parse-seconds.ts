import { AtlasSsoError } from '../core/errors.js';

/** A whole number of seconds, at least `min`, for the named flag. */
export function parseWholeSeconds(flag: string, min: number): (value: string) => number {
  return (value) => {
    const seconds = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(seconds) || seconds < min) {
      throw new AtlasSsoError('input-invalid', `${flag} takes whole seconds (${min === 900 ? '900 to 43200' : `${min} or more`}), not "${value}".`);
    }
    return seconds;
  };
}
