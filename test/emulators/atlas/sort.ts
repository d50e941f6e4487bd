import type { Document } from 'bson';
import { CommandError } from './command-error.js';
import { asNumber, compareValues, getPath } from './values.js';

/** Returns the documents ordered by a sort specification (`{a: 1, 'b.c': -1}`); stable for ties. */
export function sortDocuments(documents: readonly Document[], sort: Document | undefined): Document[] {
  if (sort === undefined || sort === null || Object.keys(sort).length === 0) return [...documents];
  const keys = Object.entries(sort).map(([path, direction]) => {
    const sign = asNumber(direction);
    if (sign !== 1 && sign !== -1) throw new CommandError(2, `$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    return { path, sign };
  });
  return [...documents].sort((left, right) => {
    for (const { path, sign } of keys) {
      const difference = compareValues(getPath(left, path), getPath(right, path));
      if (difference !== 0) return sign * Math.sign(difference);
    }
    return 0;
  });
}
