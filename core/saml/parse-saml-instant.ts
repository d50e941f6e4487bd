const dateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads a SAML xs:dateTime (`2025-03-01T12:00:00.123Z`; SAML requires UTC, so no zone means UTC).
 * Returns null for anything that is not a real instant, rather than a Date that silently rolled over.
 */
export function parseSamlInstant(value: string): Date | null {
  const match = dateTime.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = match[7] ?? '';
  const zone = match[8] ?? 'Z';
  // Date.UTC reads years 0–99 as 1900–1999; no SAML instant is that old.
  if (year < 1000 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3))));
  if (utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  const offsetMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return new Date(utc.getTime() - offsetMinutes * 60_000);
}
