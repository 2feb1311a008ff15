import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { S3Error } from './s3Errors';

/** The XML namespace of every S3 document. */
const S3_XML_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
});

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  removeNSPrefix: true,
});

/** Renders an S3 document `<root xmlns="...">…</root>` with the XML declaration. */
export function renderS3Xml(
  root: string,
  content: Record<string, unknown>,
): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    [root]: { '@_xmlns': S3_XML_NAMESPACE, ...content },
  });
}

/** Renders the `<Error>` body of an S3 error answer (no namespace, as S3 and MinIO send it). */
export function renderS3ErrorXml(
  error: S3Error,
  requestId: string,
  resource: string,
): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    Error: {
      Code: error.code,
      Message: error.message,
      ...(error.key !== undefined ? { Key: error.key } : {}),
      ...(error.bucket !== undefined ? { BucketName: error.bucket } : {}),
      Resource: resource,
      RequestId: requestId,
      HostId: requestId,
    },
  });
}

/**
 * Parses a request body that must be an XML document with the given root element; anything else is
 * `MalformedXML`. Element values stay strings.
 */
export function parseS3Xml(
  body: Buffer,
  root: string,
): Record<string, unknown> {
  const text = body.toString('utf8');
  if (!text.trim() || XMLValidator.validate(text) !== true) {
    throw new S3Error('MalformedXML');
  }
  const document = parser.parse(text) as Record<string, unknown>;
  const content = document[root];
  if (content === undefined) throw new S3Error('MalformedXML');
  return typeof content === 'object' && content !== null
    ? (content as Record<string, unknown>)
    : {};
}

/** A repeated XML element as a list, whether it occurred once, many times or not at all. */
export function asList<T = unknown>(value: unknown): T[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}
