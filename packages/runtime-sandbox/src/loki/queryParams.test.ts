import {
  LokiBadRequest,
  parseLokiTime,
  readRangeQueryParams,
} from './queryParams';

describe('Loki query parameters', () => {
  it('reads nanoseconds, seconds, float seconds and RFC 3339', () => {
    expect(parseLokiTime('start', '1700000000000000001')).toBe(
      1700000000000000001n,
    );
    expect(parseLokiTime('start', '1700000000')).toBe(1700000000000000000n);
    expect(parseLokiTime('start', '1700000000.5')).toBe(1700000000500000000n);
    expect(parseLokiTime('start', '2023-11-14T22:13:20.000000001Z')).toBe(
      1700000000000000001n,
    );
    expect(() => parseLokiTime('start', 'yesterday')).toThrow(LokiBadRequest);
  });

  it("applies Loki's defaults and limits", () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const params = readRangeQueryParams(
      new URLSearchParams({ query: '{a="b"}' }),
      now,
    );
    expect(params).toMatchObject({ limit: 100, direction: 'backward' });
    expect(params.endNs - params.startNs).toBe(3_600_000_000_000n);
    expect(() =>
      readRangeQueryParams(new URLSearchParams({ limit: '5001' }), now),
    ).toThrow(/max entries limit/);
    expect(() =>
      readRangeQueryParams(new URLSearchParams({ direction: 'sideways' }), now),
    ).toThrow(/invalid direction/);
  });
});
