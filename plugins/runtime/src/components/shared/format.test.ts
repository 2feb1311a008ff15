import {
  formatAxisTime,
  formatDuration,
  formatMetricValue,
  formatNumber,
  formatRelativeTime,
  formatTimestamp,
  shortRevision,
} from './format';

describe('format', () => {
  it('formats numbers with few decimals', () => {
    expect(formatNumber(1234.4)).toBe('1,234');
    expect(formatNumber(12.34)).toBe('12.3');
    expect(formatNumber(1.5)).toBe('1.5');
    expect(formatNumber(0.004)).toBe('0.004');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(NaN)).toBe('–');
  });

  it('formats metric values in their units', () => {
    expect(formatMetricValue(12.34, 'requests/s')).toBe('12.3 req/s');
    expect(formatMetricValue(0.0125, 'ratio')).toBe('1.25 %');
    expect(formatMetricValue(0.245, 'seconds')).toBe('245 ms');
    expect(formatMetricValue(1.5, 'seconds')).toBe('1.5 s');
    expect(formatMetricValue(3, 'requests')).toBe('3');
    expect(formatMetricValue(85.2, 'tokens/s')).toBe('85.2 tok/s');
    expect(formatMetricValue(undefined, 'ratio')).toBe('no data');
  });

  it('formats durations', () => {
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatDuration(3720)).toBe('1h 02m');
    expect(formatDuration(undefined)).toBe('–');
  });

  it('formats relative and absolute times', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(formatRelativeTime('2026-11-25T11:59:30Z', now)).toBe('just now');
    expect(formatRelativeTime('2026-11-25T11:55:00Z', now)).toBe('5 min ago');
    expect(formatRelativeTime('2026-11-25T09:00:00Z', now)).toBe('3 h ago');
    expect(formatRelativeTime('2026-11-23T12:00:00Z', now)).toBe('2 d ago');
    expect(formatTimestamp('2026-11-25T11:55:00.123Z')).toBe(
      '2026-11-25 11:55:00 UTC',
    );
    expect(
      formatAxisTime(Date.parse('2026-11-25T11:55:00Z') / 1000, 3600),
    ).toBe('11:55');
  });

  it('shortens revisions and digests but keeps branch names', () => {
    expect(shortRevision('3f2a9c1d4e5f60718293a4b5c6d7e8f901234567')).toBe(
      '3f2a9c1d',
    );
    expect(shortRevision('sha256:abcdef0123456789abcdef')).toBe('abcdef01');
    expect(shortRevision('main')).toBe('main');
  });
});
