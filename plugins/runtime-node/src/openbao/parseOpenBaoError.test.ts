import { parseOpenBaoError } from './parseOpenBaoError';

describe('parseOpenBaoError', () => {
  it('reads a 403 as Forbidden, unwrapping go-multierror text', () => {
    expect(parseOpenBaoError(403, { errors: ['permission denied'] })).toEqual({
      reason: 'Forbidden',
      detail: 'permission denied',
    });
    expect(
      parseOpenBaoError(403, {
        errors: ['1 error occurred:\n\t* permission denied\n\n'],
      }),
    ).toEqual({ reason: 'Forbidden', detail: 'permission denied' });
  });

  it('reads a check-and-set 400 as Conflict and other 400s as Invalid', () => {
    expect(
      parseOpenBaoError(400, {
        errors: ['check-and-set parameter did not match the current version'],
      }).reason,
    ).toBe('Conflict');
    expect(
      parseOpenBaoError(400, { errors: ['no data provided'] }).reason,
    ).toBe('Invalid');
  });

  it('reads 404 as NotFound, with no detail for the empty errors list', () => {
    expect(parseOpenBaoError(404, { errors: [] })).toEqual({
      reason: 'NotFound',
      detail: undefined,
    });
  });

  it('reads 429 and 5xx as Unavailable', () => {
    expect(parseOpenBaoError(429, undefined).reason).toBe('Unavailable');
    expect(parseOpenBaoError(500, { errors: ['internal error'] }).reason).toBe(
      'Unavailable',
    );
    expect(parseOpenBaoError(503, { errors: ['Vault is sealed'] })).toEqual({
      reason: 'Unavailable',
      detail: 'Vault is sealed',
    });
  });

  it('keeps details short', () => {
    expect(
      parseOpenBaoError(400, { errors: ['x'.repeat(1000)] }).detail,
    ).toHaveLength(300);
  });
});
