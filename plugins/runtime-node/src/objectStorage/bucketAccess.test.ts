import { bucketAccessNames, bucketAccessPolicy } from './bucketAccess';

describe('bucketAccessNames', () => {
  it('names one stable MinIO user per bucket, within the 20-character access key limit', () => {
    const names = bucketAccessNames('semantic-search', 'semantic-search-index');
    expect(names).toEqual({
      policyName: 'runtime-bucket-semantic-search-index',
      accessKey: expect.stringMatching(/^bucket-[0-9a-f]{13}$/),
      credentialsPath: 'semantic-search/buckets/semantic-search-index',
    });
    expect(names.accessKey).toHaveLength(20);
    expect(
      bucketAccessNames('semantic-search', 'semantic-search-index').accessKey,
    ).toBe(names.accessKey);
    const longName = 'a'.repeat(63);
    expect(bucketAccessNames('svc', longName).accessKey).toHaveLength(20);
    expect(bucketAccessNames('svc', 'other-bucket').accessKey).not.toBe(
      names.accessKey,
    );
  });
});

describe('bucketAccessPolicy', () => {
  it('grants listing the bucket and using its objects, and nothing else', () => {
    const policy = bucketAccessPolicy('data');
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: ['s3:GetBucketLocation', 's3:ListBucket'],
        Resource: ['arn:aws:s3:::data'],
      }),
      expect.objectContaining({
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: ['arn:aws:s3:::data/*'],
      }),
    ]);
    expect(JSON.stringify(policy)).not.toContain('Principal');
  });
});
