import { parseTemporalError } from './parseTemporalError';

describe('parseTemporalError', () => {
  it.each([
    [409, 6, 'AlreadyExists'],
    [404, 5, 'NotFound'],
    [401, 16, 'Unauthorized'],
    [403, 7, 'Forbidden'],
    [400, 3, 'Invalid'],
    [400, 9, 'Conflict'],
    [429, 8, 'Unavailable'],
    [503, 14, 'Unavailable'],
    [504, 4, 'Timeout'],
  ])('reads HTTP %i with gRPC code %i as %s', (status, code, reason) => {
    expect(
      parseTemporalError(status, { code, message: 'm', details: [] }),
    ).toEqual({
      reason,
      detail: 'm',
    });
  });

  it('falls back to the HTTP status when the body is not a gRPC status', () => {
    expect(parseTemporalError(502, '<html>bad gateway</html>')).toEqual({
      reason: 'Unavailable',
      detail: '<html>bad gateway</html>',
    });
    expect(parseTemporalError(500, undefined)).toEqual({
      reason: 'Unknown',
      detail: undefined,
    });
  });
});
