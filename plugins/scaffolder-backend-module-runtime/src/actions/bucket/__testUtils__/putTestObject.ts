import { createHash, createHmac } from 'node:crypto';
import { Sandbox } from '@runtime-portal/runtime-sandbox';

const sha256 = (data: string) =>
  createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) =>
  createHmac('sha256', key).update(data).digest();

/**
 * Writes an object into a sandbox bucket as the MinIO administrator (a user of the bucket would do
 * it with their keys), signing the request with AWS Signature V4 (path style, region us-east-1), for
 * tests that need a bucket with something in it. The portal itself never writes objects.
 */
export async function putTestObject(
  sandbox: Sandbox,
  bucket: string,
  key: string,
  body: string,
): Promise<void> {
  const url = new URL(`${sandbox.urls.s3}/${bucket}/${key}`);
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256(body);
  const headers = {
    host: url.host,
    'x-amz-content-sha256': payloadHash,
    'x-amz-date': amzDate,
  };
  const signedHeaders = Object.keys(headers).join(';');
  const canonical = [
    'PUT',
    url.pathname,
    '',
    ...Object.entries(headers).map(([name, value]) => `${name}:${value}`),
    '',
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${day}/us-east-1/s3/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    sha256(canonical),
  ].join('\n');
  const { s3AccessKeyId, s3SecretAccessKey } = sandbox.adminCredentials;
  const signingKey = ['us-east-1', 's3', 'aws4_request'].reduce(
    (signingKeySoFar, part) => hmac(signingKeySoFar, part),
    hmac(`AWS4${s3SecretAccessKey}`, day),
  );
  const signature = createHmac('sha256', signingKey)
    .update(stringToSign)
    .digest('hex');
  const response = await fetch(url, {
    method: 'PUT',
    headers: {
      'x-amz-content-sha256': payloadHash,
      'x-amz-date': amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=${s3AccessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
    body,
  });
  if (!response.ok) {
    throw new Error(
      `PUT ${bucket}/${key}: ${response.status} ${await response.text()}`,
    );
  }
}
