import express from 'express';
import request from 'supertest';
import zlib from 'node:zlib';
import { EncodedReports, sendEncodedReport } from './EncodedReports';

describe('EncodedReports', () => {
  it('builds once for concurrent callers and keeps the encoding for the TTL', async () => {
    const reports = new EncodedReports({ ttlMs: 60_000 });
    const build = jest.fn(async () => ({ health: 'healthy' }));
    const all = await Promise.all(
      Array.from({ length: 20 }, () => reports.get('k', build)),
    );
    expect(build).toHaveBeenCalledTimes(1);
    expect(new Set(all).size).toBe(1);
    expect(JSON.parse(all[0].json.toString())).toEqual({ health: 'healthy' });
    expect(JSON.parse(zlib.gunzipSync(all[0].gzip).toString())).toEqual({
      health: 'healthy',
    });
    await reports.get('k', build);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('builds again after the TTL, and after a forget of its prefix', async () => {
    const reports = new EncodedReports({ ttlMs: 20 });
    let n = 0;
    const build = async () => ({ n: ++n });
    const first = await reports.get('delivery:component:default/a:x', build);
    await new Promise(r => setTimeout(r, 30));
    const second = await reports.get('delivery:component:default/a:x', build);
    expect(second.etag).not.toBe(first.etag);

    const long = new EncodedReports({ ttlMs: 60_000 });
    const a = await long.get('delivery:component:default/a:x', build);
    const other = await long.get('delivery:component:default/b:x', build);
    long.forget('delivery:component:default/a:');
    expect(
      (await long.get('delivery:component:default/a:x', build)).etag,
    ).not.toBe(a.etag);
    expect((await long.get('delivery:component:default/b:x', build)).etag).toBe(
      other.etag,
    );
  });

  it('does not keep a failed build: the next caller builds again', async () => {
    const reports = new EncodedReports({ ttlMs: 60_000 });
    await expect(
      reports.get('k', async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    const ok = await reports.get('k', async () => ({ ok: true }));
    expect(JSON.parse(ok.json.toString())).toEqual({ ok: true });
  });

  it('keeps at most maxEntries reports, dropping the oldest', async () => {
    const reports = new EncodedReports({ ttlMs: 60_000, maxEntries: 2 });
    const build = jest.fn(async () => ({}));
    await reports.get('a', build);
    await reports.get('b', build);
    await reports.get('c', build);
    await reports.get('c', build);
    await reports.get('b', build);
    expect(build).toHaveBeenCalledTimes(3);
    await reports.get('a', build);
    expect(build).toHaveBeenCalledTimes(4);
  });
});

describe('sendEncodedReport', () => {
  const app = express();
  const reports = new EncodedReports({ ttlMs: 60_000 });
  app.get('/report', async (req, res) => {
    sendEncodedReport(
      req,
      res,
      await reports.get('r', async () => ({ status: 'Synced' })),
    );
  });

  it('sends gzip to a caller that accepts it, with an ETag and no shared caching', async () => {
    const response = await request(app)
      .get('/report')
      .set('accept-encoding', 'gzip, deflate, br');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toBe(
      'application/json; charset=utf-8',
    );
    expect(response.headers['cache-control']).toBe('private, no-cache');
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(response.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(response.body).toEqual({ status: 'Synced' });
  });

  it('sends plain JSON to a caller that does not accept gzip', async () => {
    const response = await request(app)
      .get('/report')
      .set('accept-encoding', 'identity');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toEqual({ status: 'Synced' });
  });

  it('answers 304 without a body when the caller has the same report', async () => {
    const first = await request(app).get('/report');
    const again = await request(app)
      .get('/report')
      .set('if-none-match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text).toBeFalsy();
  });
});
