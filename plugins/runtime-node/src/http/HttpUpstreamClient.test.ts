import http from 'node:http';
import { HttpUpstreamClient } from './HttpUpstreamClient';
import { RuntimeUpstreamError } from '../errors';
import { startTestServer, TestServer } from '../testing/testServer';

describe('HttpUpstreamClient', () => {
  let server: TestServer;
  let baseUrl: string;
  let handler: http.RequestListener;
  let calls: string[];

  beforeAll(async () => {
    server = await startTestServer((req, res) => handler(req, res));
    baseUrl = server.url;
  });
  afterAll(() => server.close());
  beforeEach(() => {
    calls = [];
  });

  const client = (timeoutMs = 2000) =>
    new HttpUpstreamClient({
      upstream: 'openbao',
      environment: 'dev',
      baseUrl,
      timeoutMs,
      headers: () => ({ 'x-token': 'canary-credential' }),
      parseError: (_status, body) => ({
        detail: (body as { errors?: string[] })?.errors?.join(', '),
      }),
    });

  it('sends headers, query and JSON body, and parses the answer', async () => {
    handler = (req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            method: req.method,
            url: req.url,
            token: req.headers['x-token'],
            body: JSON.parse(body),
          }),
        );
      });
    };
    const { status, body } = await client().request<any>({
      operation: 'write thing',
      method: 'POST',
      path: '/v1/thing',
      query: { list: true, skip: undefined },
      body: { a: 1 },
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      method: 'POST',
      url: '/v1/thing?list=true',
      token: 'canary-credential',
      body: { a: 1 },
    });
  });

  it('maps an error answer to a typed error naming upstream, environment and operation', async () => {
    handler = (_req, res) => {
      res.statusCode = 403;
      res.end(JSON.stringify({ errors: ['permission denied'] }));
    };
    const error = await client()
      .request({ operation: 'read secret a/b', path: '/v1/x' })
      .catch(e => e);
    expect(error).toBeInstanceOf(RuntimeUpstreamError);
    expect(error).toMatchObject({
      upstream: 'openbao',
      environment: 'dev',
      reason: 'Forbidden',
      status: 403,
    });
    expect(error.message).toBe(
      'openbao [dev] read secret a/b failed, Forbidden (HTTP 403): permission denied',
    );
    expect(error.message).not.toContain('canary-credential');
  });

  it('retries a safe request after a transient failure, but never a write', async () => {
    let n = 0;
    handler = (req, res) => {
      calls.push(req.method!);
      n++;
      res.statusCode = n === 1 ? 503 : 200;
      res.end('{}');
    };
    await expect(
      client().request({ operation: 'get', path: '/x' }),
    ).resolves.toMatchObject({ status: 200 });
    expect(calls).toEqual(['GET', 'GET']);

    n = 0;
    calls = [];
    await expect(
      client().request({
        operation: 'create',
        method: 'POST',
        path: '/x',
        body: {},
      }),
    ).rejects.toMatchObject({ reason: 'Unavailable', status: 503 });
    expect(calls).toEqual(['POST']);
  });

  it('times out a request that gets no answer', async () => {
    handler = () => {};
    const started = Date.now();
    await expect(
      new HttpUpstreamClient({
        upstream: 'temporal',
        environment: 'dev',
        baseUrl,
        timeoutMs: 150,
        retries: 0,
      }).request({ operation: 'describe namespace', path: '/slow' }),
    ).rejects.toMatchObject({ reason: 'Timeout', upstream: 'temporal' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops when the caller aborts', async () => {
    handler = () => {};
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      client(5000).request({
        operation: 'list',
        path: '/slow',
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ reason: 'Aborted' });
  });

  it('reports an unreachable upstream as Unavailable', async () => {
    await expect(
      new HttpUpstreamClient({
        upstream: 'temporal',
        environment: 'dev',
        baseUrl: 'http://127.0.0.1:1',
        timeoutMs: 500,
        retries: 0,
      }).request({ operation: 'list namespaces', path: '/' }),
    ).rejects.toMatchObject({
      reason: 'Unavailable',
      message: expect.stringContaining('cannot reach 127.0.0.1:1'),
    });
  });
});
