import { describe, expect, it } from 'vitest';
import { parseSamlInstant } from '../../../core/saml/parse-saml-instant.js';

describe('parseSamlInstant', () => {
  it.each([
    ['2025-03-14T09:26:53Z', '2025-03-14T09:26:53.000Z'],
    ['2025-03-14T10:02:11.381Z', '2025-03-14T10:02:11.381Z'],
    ['2025-03-14T14:20:31.5234119Z', '2025-03-14T14:20:31.523Z'],
    ['2025-03-14T14:20:31.5Z', '2025-03-14T14:20:31.500Z'],
    ['2025-03-14T11:00:00+02:00', '2025-03-14T09:00:00.000Z'],
    ['2025-03-14T06:30:00-02:30', '2025-03-14T09:00:00.000Z'],
    ['2025-03-14T09:00:00', '2025-03-14T09:00:00.000Z'],
    [' 2024-02-29T00:00:00Z ', '2024-02-29T00:00:00.000Z'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseSamlInstant(text)?.toISOString()).toBe(iso);
  });

  it.each(['', 'yesterday', '2025-02-29T00:00:00Z', '2025-13-01T00:00:00Z', '2025-03-14T24:00:00Z', '2025-03-14T09:60:00Z', '2025-03-14 09:00:00Z', '0099-01-01T00:00:00Z', '1741944413'])(
    'returns null for %j rather than a rolled-over date',
    (text) => {
      expect(parseSamlInstant(text)).toBeNull();
    },
  );
});
