import { AdminError } from './adminErrors';
import {
  IamPolicyDocument,
  parsePolicyDocument,
  policiesAllow,
  wildcardMatch,
} from './iamPolicy';
import { bucketPolicy } from './__testUtils__/bucketPolicy';

describe('wildcardMatch', () => {
  it('matches * and ? and nothing else specially', () => {
    expect(wildcardMatch('s3:*', 's3:GetObject')).toBe(true);
    expect(wildcardMatch('*', 'anything')).toBe(true);
    expect(wildcardMatch('s3:Get*', 's3:PutObject')).toBe(false);
    expect(wildcardMatch('arn:aws:s3:::b?', 'arn:aws:s3:::b1')).toBe(true);
    expect(wildcardMatch('arn:aws:s3:::b?', 'arn:aws:s3:::b12')).toBe(false);
    expect(wildcardMatch('arn:aws:s3:::a.b', 'arn:aws:s3:::aXb')).toBe(false);
    expect(wildcardMatch('arn:aws:s3:::b/*', 'arn:aws:s3:::b/x/y')).toBe(true);
  });
});

describe('policiesAllow', () => {
  const policy = bucketPolicy('data');

  it('allows the actions on the resources the statements name', () => {
    expect(policiesAllow([policy], 's3:ListBucket', 'arn:aws:s3:::data')).toBe(
      true,
    );
    expect(
      policiesAllow([policy], 's3:GetObject', 'arn:aws:s3:::data/a/b.txt'),
    ).toBe(true);
    expect(policiesAllow([policy], 's3:getobject', 'arn:aws:s3:::data/a')).toBe(
      true,
    );
  });

  it('denies other actions, other buckets, and the bucket as an object resource', () => {
    expect(
      policiesAllow([policy], 's3:CreateBucket', 'arn:aws:s3:::data'),
    ).toBe(false);
    expect(
      policiesAllow([policy], 's3:GetObject', 'arn:aws:s3:::other/a'),
    ).toBe(false);
    expect(
      policiesAllow([policy], 's3:ListBucket', 'arn:aws:s3:::data-2'),
    ).toBe(false);
    expect(policiesAllow([policy], 's3:GetObject', 'arn:aws:s3:::data')).toBe(
      false,
    );
    expect(policiesAllow([], 's3:GetObject', 'arn:aws:s3:::data/a')).toBe(
      false,
    );
  });

  it('lets a matching Deny win over Allow, and ignores statements with a Condition', () => {
    const deny: IamPolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 's3:Delete*',
          Resource: 'arn:aws:s3:::data/keep/*',
        },
      ],
    };
    expect(
      policiesAllow([policy, deny], 's3:DeleteObject', 'arn:aws:s3:::data/x'),
    ).toBe(true);
    expect(
      policiesAllow(
        [policy, deny],
        's3:DeleteObject',
        'arn:aws:s3:::data/keep/x',
      ),
    ).toBe(false);
    const conditional: IamPolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:*',
          Resource: 'arn:aws:s3:::*',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      ],
    };
    expect(
      policiesAllow([conditional], 's3:GetObject', 'arn:aws:s3:::data/a'),
    ).toBe(false);
  });
});

describe('parsePolicyDocument', () => {
  const parse = (value: unknown) =>
    parsePolicyDocument(
      Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    );

  it('accepts a policy, with single values or lists', () => {
    expect(parse(bucketPolicy('data'))).toEqual(bucketPolicy('data'));
    const single = {
      Version: '2012-10-17',
      Statement: { Effect: 'Deny', Action: '*', Resource: 'arn:aws:s3:::*' },
    };
    expect(parse(single)).toEqual(single);
  });

  it.each([
    ['not JSON', '{'],
    [
      'version 2008-10-17',
      { Version: '2008-10-17', Statement: bucketPolicy('a').Statement },
    ],
    [
      'a bad effect',
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Maybe', Action: 's3:*', Resource: 'arn:aws:s3:::a' },
        ],
      },
    ],
    [
      'a resource that is not S3',
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'a' }],
      },
    ],
    [
      'no action',
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Resource: 'arn:aws:s3:::a' }],
      },
    ],
  ])('refuses %s with XMinioMalformedIAMPolicy', (_name, value) => {
    let thrown: unknown;
    try {
      parse(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AdminError);
    expect(thrown).toMatchObject({
      code: 'XMinioMalformedIAMPolicy',
      status: 400,
    });
  });

  it.each([
    ['no version', { Statement: bucketPolicy('a').Statement }],
    [
      'an empty version',
      { Version: '', Statement: bucketPolicy('a').Statement },
    ],
  ])(
    'refuses %s with MalformedPolicy, as the handler checks it',
    (_name, value) => {
      expect(() => parse(value)).toThrow(
        expect.objectContaining({
          code: 'MalformedPolicy',
          status: 400,
          message: 'The policy must contain a valid version string',
        }),
      );
    },
  );

  it('refuses a policy without statements with XMinioAdminInvalidArgument', () => {
    expect(() => parse({ Version: '2012-10-17', Statement: [] })).toThrow(
      expect.objectContaining({
        code: 'XMinioAdminInvalidArgument',
        message: 'Invalid arguments specified. (Invalid arguments specified)',
      }),
    );
  });
});
