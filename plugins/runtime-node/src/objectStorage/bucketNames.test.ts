import { validateBucketName } from './bucketNames';

describe('validateBucketName', () => {
  it('accepts names S3 and MinIO accept', () => {
    for (const name of [
      'abc',
      'team-a-data',
      'logs.2025.archive',
      '1st-bucket',
      'a'.repeat(63),
    ]) {
      expect(validateBucketName(name)).toEqual([]);
    }
  });

  it.each([
    ['ab', 'must be between 3 and 63 characters long'],
    ['a'.repeat(64), 'must be between 3 and 63 characters long'],
    [
      'Team_Data',
      'may contain only lowercase letters, digits, dots and hyphens',
    ],
    ['-team', 'must start and end with a lowercase letter or digit'],
    ['team.', 'must start and end with a lowercase letter or digit'],
    ['team..data', 'must not contain two adjacent dots'],
    ['team.-data', 'must not have a hyphen next to a dot'],
    ['192.168.5.4', 'must not be formatted as an IP address'],
  ])('names the problem with %s', (name, problem) => {
    expect(validateBucketName(name)).toContain(problem);
  });

  it('lists every problem at once', () => {
    expect(validateBucketName('-A')).toEqual([
      'must be between 3 and 63 characters long',
      'may contain only lowercase letters, digits, dots and hyphens',
      'must start and end with a lowercase letter or digit',
    ]);
  });
});
