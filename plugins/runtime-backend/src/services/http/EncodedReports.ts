import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Request, Response } from 'express';

const gzip = promisify(zlib.gzip);

/** A report ready to send: its JSON, the same gzipped, and an entity tag of the JSON. */
export interface EncodedReport {
  json: Buffer;
  gzip: Buffer;
  etag: string;
}

/**
 * Keeps each report's encoded body (JSON, gzip, ETag) for a moment, so the many viewers of one entity
 * share one serialisation and one compression instead of paying for both on every request. Concurrent
 * requests for a key share one build; a failed build is not kept. Reports are built from cached
 * signals, so `ttlMs` (about a second) adds at most that much to how old a report can be.
 */
export class EncodedReports {
  private readonly entries = new Map<
    string,
    { expires: number; report: Promise<EncodedReport> }
  >();

  constructor(
    private readonly options: { ttlMs: number; maxEntries?: number },
  ) {}

  /** The encoded report of `key`, built with `build` when there is none younger than the TTL. */
  get(key: string, build: () => Promise<unknown>): Promise<EncodedReport> {
    const now = Date.now();
    const known = this.entries.get(key);
    if (known && now < known.expires) return known.report;
    const report = build().then(encode);
    this.entries.delete(key);
    this.entries.set(key, { expires: now + this.options.ttlMs, report });
    report.catch(() => {
      if (this.entries.get(key)?.report === report) this.entries.delete(key);
    });
    this.evictOldest(now);
    return report;
  }

  /** Drops every report whose key starts with `prefix` (say, an entity's delivery after a sync). */
  forget(prefix: string): void {
    for (const key of this.entries.keys()) {
      if (key.startsWith(prefix)) this.entries.delete(key);
    }
  }

  private evictOldest(now: number) {
    const max = this.options.maxEntries ?? 1000;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= max && entry.expires > now) break;
      this.entries.delete(key);
    }
  }
}

async function encode(value: unknown): Promise<EncodedReport> {
  const json = Buffer.from(JSON.stringify(value));
  return {
    json,
    gzip: await gzip(json),
    etag: `"${createHash('sha1').update(json).digest('base64url')}"`,
  };
}

/**
 * Sends an encoded report: `304 Not Modified` when the caller already has it (`If-None-Match`), the
 * gzip body when the caller accepts gzip, the JSON otherwise. `Cache-Control: private, no-cache`
 * makes browsers revalidate each time, never share it.
 */
export function sendEncodedReport(
  req: Request,
  res: Response,
  report: EncodedReport,
): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('ETag', report.etag);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(report.gzip);
    return;
  }
  res.end(report.json);
}
