import { S3Error } from './s3Errors';
import { hasIntegrityChecksum } from './s3Payload';
import {
  S3Request,
  S3Response,
  emptyResponse,
  ownBucket,
  xmlResponse,
} from './s3Request';
import { asList, parseS3Xml } from './s3Xml';

/** GetBucketVersioning: an empty document for a bucket never versioned. */
export function getBucketVersioning(request: S3Request): S3Response {
  const bucket = ownBucket(request);
  return xmlResponse(
    'VersioningConfiguration',
    bucket.versioning ? { Status: bucket.versioning } : {},
  );
}

/** PutBucketVersioning: `Enabled` or `Suspended` (a versioned bucket never returns to unversioned). */
export function putBucketVersioning(request: S3Request): S3Response {
  const bucket = ownBucket(request);
  const { Status } = parseS3Xml(request.body, 'VersioningConfiguration');
  if (Status !== 'Enabled' && Status !== 'Suspended') {
    throw new S3Error('MalformedXML', { bucket: bucket.name });
  }
  bucket.versioning = Status;
  return emptyResponse();
}

/** GetBucketLifecycleConfiguration: 404 `NoSuchLifecycleConfiguration` when none is set. */
export function getBucketLifecycle(request: S3Request): S3Response {
  const bucket = ownBucket(request);
  if (!bucket.lifecycleRules) {
    throw new S3Error('NoSuchLifecycleConfiguration', { bucket: bucket.name });
  }
  return xmlResponse('LifecycleConfiguration', { Rule: bucket.lifecycleRules });
}

/**
 * PutBucketLifecycleConfiguration: replaces all rules. Like MinIO it requires `Content-MD5` or an
 * `x-amz-checksum-*` header, and validates rule IDs, status, filter and expiration.
 */
export function putBucketLifecycle(request: S3Request): S3Response {
  const bucket = ownBucket(request);
  if (!hasIntegrityChecksum(request.headers)) {
    throw new S3Error('MissingContentMD5', { bucket: bucket.name });
  }
  const rules = asList<Record<string, unknown>>(
    parseS3Xml(request.body, 'LifecycleConfiguration').Rule,
  );
  const malformed = (message: string) =>
    new S3Error('MalformedXML', { bucket: bucket.name, message });
  if (rules.length === 0)
    throw malformed('Lifecycle configuration should have at least one rule');
  if (rules.length > 1000)
    throw malformed('Lifecycle configuration allows a maximum of 1000 rules');
  const ids = new Set<string>();
  for (const rule of rules) {
    const id = typeof rule.ID === 'string' ? rule.ID : '';
    if (id.length > 255)
      throw malformed('ID length is limited to 255 characters');
    if (id && ids.has(id))
      throw malformed(
        'Rule ID must be unique. Found same ID for more than one rule',
      );
    ids.add(id);
    if (rule.Status !== 'Enabled' && rule.Status !== 'Disabled') {
      throw malformed('Status must be set to either Enabled or Disabled');
    }
    if (rule.Filter !== undefined && rule.Prefix !== undefined) {
      throw malformed('Filter and Prefix cannot be used together');
    }
    const expiration = rule.Expiration as Record<string, unknown> | undefined;
    if (
      expiration?.Days !== undefined &&
      !/^[1-9][0-9]*$/.test(String(expiration.Days))
    ) {
      throw new S3Error('InvalidArgument', {
        bucket: bucket.name,
        message: "'Days' for Expiration action must be a positive integer",
      });
    }
    const hasAction = [
      'Expiration',
      'NoncurrentVersionExpiration',
      'Transition',
      'NoncurrentVersionTransition',
      'AbortIncompleteMultipartUpload',
    ].some(a => rule[a] !== undefined);
    if (!hasAction)
      throw malformed('At least one action needs to be specified in a rule');
  }
  bucket.lifecycleRules = rules;
  return emptyResponse();
}

/** DeleteBucketLifecycle: 204 whether or not rules were set. */
export function deleteBucketLifecycle(request: S3Request): S3Response {
  delete ownBucket(request).lifecycleRules;
  return emptyResponse(204);
}

/** GetBucketTagging: 404 `NoSuchTagSet` when the bucket has no tags. */
export function getBucketTagging(request: S3Request): S3Response {
  const bucket = ownBucket(request);
  if (!bucket.tags) throw new S3Error('NoSuchTagSet', { bucket: bucket.name });
  return xmlResponse('Tagging', {
    TagSet: {
      Tag: Object.entries(bucket.tags).map(([Key, Value]) => ({ Key, Value })),
    },
  });
}

/** PutBucketTagging: replaces the tag set; at most 50 tags, unique keys, S3's length limits. */
export function putBucketTagging(request: S3Request): S3Response {
  const bucket = ownBucket(request);
  const tagSet = parseS3Xml(request.body, 'Tagging').TagSet as
    | Record<string, unknown>
    | undefined;
  if (tagSet === undefined)
    throw new S3Error('MalformedXML', { bucket: bucket.name });
  const invalid = (message: string) =>
    new S3Error('InvalidTag', { bucket: bucket.name, message });
  const tags: Record<string, string> = {};
  const list = asList<Record<string, unknown>>(tagSet.Tag);
  if (list.length > 50)
    throw invalid('Bucket tag count cannot be greater than 50');
  for (const tag of list) {
    const key = String(tag.Key ?? '');
    const value = String(tag.Value ?? '');
    if (key.length === 0 || key.length > 128)
      throw invalid('The TagKey you have provided is invalid');
    if (value.length > 256)
      throw invalid('The TagValue you have provided is invalid');
    if (key.startsWith('aws:'))
      throw invalid('System tags cannot be added/updated by requester');
    if (key in tags)
      throw invalid('Cannot provide multiple Tags with the same key');
    tags[key] = value;
  }
  bucket.tags = tags;
  return emptyResponse(204);
}

/** DeleteBucketTagging: 204. */
export function deleteBucketTagging(request: S3Request): S3Response {
  delete ownBucket(request).tags;
  return emptyResponse(204);
}

/** GetBucketPolicy: the policy JSON as stored; 404 `NoSuchBucketPolicy` when none is set. */
export function getBucketPolicy(request: S3Request): S3Response {
  const bucket = ownBucket(request);
  if (bucket.policy === undefined)
    throw new S3Error('NoSuchBucketPolicy', { bucket: bucket.name });
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: bucket.policy,
  };
}

/**
 * PutBucketPolicy: a JSON policy of version `2012-10-17` whose statements only name this bucket's
 * resources (MinIO's checks); 204.
 */
export function putBucketPolicy(request: S3Request): S3Response {
  const bucket = ownBucket(request);
  const malformed = (message: string) =>
    new S3Error('MalformedPolicy', { bucket: bucket.name, message });
  if (request.body.length > 20 * 1024)
    throw malformed('Policy exceeds the maximum allowed document size.');
  let policy: { Version?: unknown; Statement?: unknown };
  try {
    policy = JSON.parse(request.body.toString('utf8'));
  } catch {
    throw malformed('This policy contains invalid Json');
  }
  if (policy?.Version !== '2012-10-17')
    throw malformed('The policy must contain a valid version string');
  const statements = asList<Record<string, unknown>>(policy.Statement);
  if (statements.length === 0)
    throw malformed('Policy missing field Statement');
  for (const statement of statements) {
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
      throw malformed('Policy has an invalid effect');
    }
    if (asList(statement.Action).length === 0)
      throw malformed('Policy has no actions');
    const resources = asList<string>(statement.Resource);
    const ownResource = (resource: string) =>
      resource === `arn:aws:s3:::${bucket.name}` ||
      resource.startsWith(`arn:aws:s3:::${bucket.name}/`);
    if (resources.length === 0 || !resources.every(ownResource)) {
      throw malformed('Policy has invalid resource.');
    }
  }
  bucket.policy = request.body.toString('utf8');
  return emptyResponse(204);
}

/** DeleteBucketPolicy: 204. */
export function deleteBucketPolicy(request: S3Request): S3Response {
  delete ownBucket(request).policy;
  return emptyResponse(204);
}
