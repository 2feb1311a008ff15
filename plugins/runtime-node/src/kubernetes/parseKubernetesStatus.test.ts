import { parseKubernetesStatus } from './parseKubernetesStatus';

const status = (reason: string, code: number, message = 'm') => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  reason,
  message,
  code,
});

describe('parseKubernetesStatus', () => {
  it.each([
    ['AlreadyExists', 409, 'AlreadyExists'],
    ['Conflict', 409, 'Conflict'],
    ['NotFound', 404, 'NotFound'],
    ['Unauthorized', 401, 'Unauthorized'],
    ['Forbidden', 403, 'Forbidden'],
    ['Invalid', 422, 'Invalid'],
    ['BadRequest', 400, 'Invalid'],
    ['Expired', 410, 'Expired'],
    ['Gone', 410, 'Expired'],
    ['ServerTimeout', 504, 'Timeout'],
    ['TooManyRequests', 429, 'Unavailable'],
    ['ServiceUnavailable', 503, 'Unavailable'],
  ])('maps Status reason %s to %s', (reason, code, expected) => {
    expect(parseKubernetesStatus(code, status(reason, code))).toEqual({
      reason: expected,
      detail: 'm',
    });
  });

  it('keeps the Status message as the detail', () => {
    expect(
      parseKubernetesStatus(
        409,
        status('AlreadyExists', 409, 'models.kubeai.org "x" already exists'),
      ).detail,
    ).toBe('models.kubeai.org "x" already exists');
  });

  it('falls back to the HTTP status for an unknown reason or a body that is not a Status', () => {
    expect(parseKubernetesStatus(409, status('SomethingNew', 409)).reason).toBe(
      'Conflict',
    );
    expect(parseKubernetesStatus(503, 'upstream connect error')).toEqual({
      reason: 'Unavailable',
    });
    expect(parseKubernetesStatus(500, undefined)).toEqual({
      reason: 'Unknown',
    });
  });
});
