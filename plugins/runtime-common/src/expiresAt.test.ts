import { normalizeRuntimeExpiresAt } from './expiresAt';

describe('normalizeRuntimeExpiresAt', () => {
  it('reads the ISO and the compact form to the second', () => {
    expect(normalizeRuntimeExpiresAt('2026-12-12T12:00:00Z')).toBe(
      '2026-12-12T12:00:00Z',
    );
    expect(normalizeRuntimeExpiresAt('2026-12-12T12:00:00.250Z')).toBe(
      '2026-12-12T12:00:00Z',
    );
    expect(normalizeRuntimeExpiresAt('20261212T120000Z')).toBe(
      '2026-12-12T12:00:00Z',
    );
  });

  it('is undefined for no expiry or anything else', () => {
    for (const value of [
      undefined,
      '',
      'never',
      '2026-12-12',
      '2026-12-12T12:00:00+01:00',
      '2026-13-45T12:00:00Z',
      42,
    ]) {
      expect(normalizeRuntimeExpiresAt(value)).toBeUndefined();
    }
  });
});
