import { driftingEnvironments, otherVersions } from './versionDrift';

const drift = (versions: Record<string, string | undefined>) =>
  [
    ...driftingEnvironments(
      Object.entries(versions).map(([environment, version]) => ({
        environment,
        version,
      })),
    ),
  ].sort();

describe('driftingEnvironments', () => {
  it('finds none when the installed versions agree', () => {
    expect(drift({ dev: '1.0.0', prod: '1.0.0', edge: undefined })).toEqual([]);
    expect(drift({ dev: '1.0.0' })).toEqual([]);
    expect(drift({})).toEqual([]);
  });

  it('marks the environments off the version most of them run', () => {
    expect(drift({ dev: '1.1.0', staging: '1.0.0', prod: '1.0.0' })).toEqual([
      'dev',
    ]);
    expect(drift({ a: '2', b: '1', c: '1', d: '3', e: undefined })).toEqual([
      'a',
      'd',
    ]);
  });

  it('marks every installed environment when no version leads', () => {
    expect(drift({ dev: '0.14.0', prod: '0.13.0' })).toEqual(['dev', 'prod']);
    expect(drift({ a: '1', b: '1', c: '2', d: '2', e: undefined })).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });
});

describe('otherVersions', () => {
  it('names the other environments with a version', () => {
    expect(
      otherVersions(
        [
          { environment: 'dev', version: '2' },
          { environment: 'prod', version: '1' },
          { environment: 'edge' },
        ],
        'prod',
      ),
    ).toBe('dev 2');
  });
});
