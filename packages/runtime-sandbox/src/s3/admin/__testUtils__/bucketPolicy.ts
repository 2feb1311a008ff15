import { IamPolicyDocument } from '../iamPolicy';

/** A policy like the one a service gets on its bucket: list it, and read, write and delete its objects. */
export const bucketPolicy = (bucket: string): IamPolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: [`arn:aws:s3:::${bucket}`],
    },
    {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: [`arn:aws:s3:::${bucket}/*`],
    },
  ],
});
