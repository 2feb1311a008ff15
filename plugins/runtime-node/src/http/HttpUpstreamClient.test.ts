import http from 'node:http';
import { HttpUpstreamClient } from './HttpUpstreamClient';
import { RuntimeUpstreamError } from '../errors';
import { startTestServer, TestServer } from '../testing/testServer';
import {
  answerWith,
  declaredTooLarge,
  endlessBody,
  resetMidBody,
  stallMidBody,
} from '../testing/faultyAnswers';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';

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

  describe('an answer that is cut off, too large or not JSON is an error, never an empty answer', () => {
    const strict = (
      options: { timeoutMs?: number; retries?: number; maxBytes?: number } = {},
    ) =>
      new HttpUpstreamClient({
        upstream: 'alertmanager',
        environment: 'dev',
        baseUrl,
        timeoutMs: options.timeoutMs ?? 2000,
        retries: options.retries ?? 0,
        maxResponseBytes: options.maxBytes,
      });
    const list = (c: HttpUpstreamClient, method = 'GET') =>
      c.request({ operation: 'list alerts', method, path: '/api/v2/alerts' });

    beforeEach(() => {
      server.requests.length = 0;
    });

    it('a connection reset mid-body is Truncated, saying how much arrived; a read is retried, a write is not', async () => {
      handler = resetMidBody();
      const error = await expectUpstreamFailure(list(strict({ retries: 2 })));
      expect(error).toMatchObject({
        upstream: 'alertmanager',
        reason: 'Truncated',
        status: 200,
        operation: 'list alerts',
      });
      expect(error.message).toMatch(
        /^alertmanager \[dev\] list alerts failed, Truncated \(HTTP 200\): the answer was cut off after \d+ bytes/,
      );
      expect(server.requests).toHaveLength(3);

      server.requests.length = 0;
      await expect(list(strict({ retries: 2 }), 'POST')).rejects.toMatchObject({
        reason: 'Truncated',
      });
      expect(server.requests).toHaveLength(1);
    });

    it('a body that stalls past the timeout is a Timeout that says the answer was cut off', async () => {
      handler = stallMidBody();
      const started = Date.now();
      const error = await expectUpstreamFailure(
        list(strict({ timeoutMs: 200 })),
      );
      expect(error).toMatchObject({ reason: 'Timeout', status: 200 });
      expect(error.detail).toMatch(
        /^the answer was cut off after \d+ bytes: not complete within 200 ms$/,
      );
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('the caller aborting mid-body is Aborted', async () => {
      handler = stallMidBody();
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      await expect(
        strict({ timeoutMs: 5000 }).request({
          operation: 'list alerts',
          path: '/x',
          signal: controller.signal,
        }),
      ).rejects.toMatchObject({ reason: 'Aborted' });
    });

    it('a body over the limit is TooLarge, refused without reading the rest', async () => {
      const sent = { bytes: 0 };
      handler = endlessBody(sent);
      const error = await expectUpstreamFailure(
        list(strict({ maxBytes: 256 * 1024 })),
      );
      expect(error).toMatchObject({ reason: 'TooLarge', status: 200 });
      expect(error.detail).toContain(
        'over the limit of 262144 bytes (maxResponseBytes)',
      );
      // the endless body stopped: the client read about the limit, not "everything"
      expect(sent.bytes).toBeLessThan(16 * 1024 * 1024);
    });

    it('a declared length over the limit is refused before reading', async () => {
      handler = declaredTooLarge(100 * 1024 * 1024);
      const error = await expectUpstreamFailure(
        list(strict({ timeoutMs: 10_000, maxBytes: 1024 })),
      );
      expect(error).toMatchObject({ reason: 'TooLarge' });
      expect(error.detail).toBe(
        'the answer is 104857600 bytes, over the limit of 1024 bytes (maxResponseBytes); the rest was not read',
      );
    });

    it('the default limit applies when none is configured', async () => {
      handler = declaredTooLarge(8 * 1024 * 1024 + 1);
      await expect(list(strict())).rejects.toMatchObject({
        reason: 'TooLarge',
        detail: expect.stringContaining('over the limit of 8388608 bytes'),
      });
    });

    it('a body that is not JSON, or an empty answer to a read, is Malformed', async () => {
      handler = answerWith('[{"labels":{"alertname":"DiskFull"}');
      await expect(list(strict())).rejects.toMatchObject({
        reason: 'Malformed',
        status: 200,
        detail: 'the answer (35 characters) is not a complete JSON document',
      });
      handler = answerWith('');
      await expect(list(strict())).rejects.toMatchObject({
        reason: 'Malformed',
        detail: 'the answer is empty where a JSON document was expected',
      });
    });

    it('still accepts an empty answer to a write and a 204', async () => {
      handler = answerWith('');
      await expect(list(strict(), 'DELETE')).resolves.toMatchObject({
        status: 200,
        body: undefined,
      });
      handler = (_req, res) => res.writeHead(204).end();
      await expect(list(strict())).resolves.toMatchObject({
        status: 204,
        body: undefined,
      });
    });
  });
});
