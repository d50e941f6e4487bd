import { describe, expect, it } from 'vitest';
import { removeSection, sectionValue } from '../../../core/credentials/remove-section.js';
import { upsertSection } from '../../../core/credentials/upsert-section.js';

const others = '\uFEFF# mine\r\n[default]\r\naws_access_key_id = AKIAOTHER\r\n  ; a comment\r\n\r\n';

describe('removeSection', () => {
  it('gives back, byte for byte, the file a profile was added to', () => {
    const written = upsertSection(others, 'demo-corp', [['aws_access_key_id', 'ASIADEMO']], []).text;
    expect(written).toContain('[demo-corp]');
    expect(removeSection(written, 'demo-corp')).toBe(others);
  });

  it('removes a section in the middle, and every copy of it, keeping the sections around it', () => {
    const text = '[a]\nx = 1\n[gone]\nx = 2\n\n[b]\ny = 3\n[gone]\nz = 4\n';
    expect(removeSection(text, 'gone')).toBe('[a]\nx = 1\n[b]\ny = 3\n');
  });

  it('leaves a file without the section unchanged', () => {
    expect(removeSection(others, 'demo-corp')).toBe(others);
  });
});

describe('sectionValue', () => {
  it('reads a key as botocore would (case-insensitive name), or undefined', () => {
    expect(sectionValue(others, 'default', 'AWS_ACCESS_KEY_ID')).toBe('AKIAOTHER');
    expect(sectionValue(others, 'default', 'aws_session_token')).toBeUndefined();
    expect(sectionValue(others, 'nope', 'aws_access_key_id')).toBeUndefined();
  });
});
