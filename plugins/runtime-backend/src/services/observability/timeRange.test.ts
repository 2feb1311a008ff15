import { parseRange, timeWindow } from './timeRange';

describe('timeRange', () => {
  it('defaults to one hour and refuses unknown ranges by name', () => {
    expect(parseRange(undefined)).toBe('1h');
    expect(parseRange('6h')).toBe('6h');
    expect(() => parseRange('7d')).toThrow(
      "Invalid range '7d': use one of 15m, 1h, 6h, 24h",
    );
  });

  it('aligns windows to their step so concurrent viewers share them', () => {
    const a = timeWindow('1h', Date.UTC(2026, 10, 25, 12, 0, 10));
    const b = timeWindow('1h', Date.UTC(2026, 10, 25, 12, 0, 50));
    expect(a).toEqual(b);
    expect(a.end - a.start).toBe(3600);
    expect(a.stepSeconds).toBe(60);
    expect(a.end % a.stepSeconds).toBe(0);
    expect(a.rateWindow).toBe('4m');
  });

  it('keeps about sixty points per chart', () => {
    for (const range of ['15m', '1h', '6h', '24h'] as const) {
      const w = timeWindow(range, 1_700_000_000_000);
      const points = (w.end - w.start) / w.stepSeconds;
      expect(points).toBeGreaterThanOrEqual(60);
      expect(points).toBeLessThanOrEqual(61);
    }
  });
});
