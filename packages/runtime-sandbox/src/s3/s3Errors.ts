/**
 * The S3 error codes the sandbox answers with, with the status and message MinIO uses for each
 * (minio/minio `cmd/api-errors.go`).
 */
const S3_ERRORS = {
  AccessDenied: [403, 'Access Denied.'],
  AuthorizationHeaderMalformed: [400, 'The authorization header is malformed.'],
  BadDigest: [
    400,
    'The Content-Md5 you specified did not match what we received.',
  ],
  BucketAlreadyExists: [
    409,
    'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
  ],
  BucketAlreadyOwnedByYou: [
    409,
    'Your previous request to create the named bucket succeeded and you already own it.',
  ],
  BucketNotEmpty: [409, 'The bucket you tried to delete is not empty'],
  EntityTooLarge: [
    400,
    'Your proposed upload exceeds the maximum allowed object size.',
  ],
  IncompleteBody: [
    400,
    'You did not provide the number of bytes specified by the Content-Length HTTP header.',
  ],
  InvalidAccessKeyId: [
    403,
    'The Access Key Id you provided does not exist in our records.',
  ],
  InvalidArgument: [400, 'Invalid argument'],
  InvalidBucketName: [400, 'The specified bucket is not valid.'],
  InvalidDigest: [400, 'The Content-Md5 you specified is not valid.'],
  InvalidRequest: [400, 'Invalid Request'],
  InvalidTag: [400, 'The tag provided was not a valid tag.'],
  MalformedPolicy: [400, 'Policy has invalid resource.'],
  MalformedXML: [
    400,
    'The XML you provided was not well-formed or did not validate against our published schema.',
  ],
  MethodNotAllowed: [
    405,
    'The specified method is not allowed against this resource.',
  ],
  MissingContentMD5: [
    400,
    'Missing or invalid required header for this request: Content-Md5 or Amz-Content-Checksum',
  ],
  NoSuchBucket: [404, 'The specified bucket does not exist'],
  NoSuchBucketPolicy: [404, 'The bucket policy does not exist'],
  NoSuchKey: [404, 'The specified key does not exist.'],
  NoSuchLifecycleConfiguration: [
    404,
    'The lifecycle configuration does not exist',
  ],
  NoSuchTagSet: [404, 'The TagSet does not exist'],
  NotImplemented: [
    501,
    'A header you provided implies functionality that is not implemented',
  ],
  RequestTimeTooSkewed: [
    403,
    "The difference between the request time and the server's time is too large.",
  ],
  SignatureDoesNotMatch: [
    403,
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  ],
  XAmzContentChecksumMismatch: [
    400,
    "The provided 'x-amz-checksum' header does not match what was computed.",
  ],
  XAmzContentSHA256Mismatch: [
    400,
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
  ],
} as const satisfies Record<string, readonly [number, string]>;

/** An S3 error code the sandbox knows. */
export type S3ErrorCode = keyof typeof S3_ERRORS;

/** An S3 error answer: rendered as the `<Error>` XML body with the code's HTTP status. */
export class S3Error extends Error {
  readonly code: S3ErrorCode;
  readonly status: number;
  readonly bucket?: string;
  readonly key?: string;

  constructor(
    code: S3ErrorCode,
    context: { bucket?: string; key?: string; message?: string } = {},
  ) {
    const [status, message] = S3_ERRORS[code];
    super(context.message ?? message);
    this.code = code;
    this.status = status;
    this.bucket = context.bucket;
    this.key = context.key;
  }
}
