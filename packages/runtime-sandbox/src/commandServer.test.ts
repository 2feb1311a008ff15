import { AddressInfo } from 'node:net';
import { startCommandServer } from './commandServer';

describe('the development commands', () => {
  const calls: string[] = [];
  const fakeSandbox = (environment: string, upstreams: string[]) => ({
    urls: Object.fromEntries(upstreams.map(u => [u, `http://${u}`])),
    stopUpstream: async (u: string) => {
      calls.push(`${environment} ${u} stop`);
    },
    startUpstream: async (u: string) => {
      if (u === 'grafana') throw new Error('port in use');
      calls.push(`${environment} ${u} start`);
    },
  });
  const server = startCommandServer(
    {
      dev: fakeSandbox('dev', ['loki', 'gitlab']),
      prod: fakeSandbox('prod', ['loki', 'grafana']),
    },
    'dev',
    0,
  );
  const post = async (path: string, method = 'POST') => {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
    });
    return `${response.status} ${await response.text()}`.trim();
  };
  beforeAll(() => new Promise(resolve => server.once('listening', resolve)));
  afterAll(() => new Promise(resolve => server.close(resolve)));

  it("stops and starts one environment's upstream, dev's when none is named", async () => {
    expect(await post('/upstreams/prod/loki/stop')).toBe('204');
    expect(await post('/upstreams/loki/start')).toBe('204');
    expect(await post('/upstreams/dev/gitlab/stop')).toBe('204');
    expect(calls).toEqual([
      'prod loki stop',
      'dev loki start',
      'dev gitlab stop',
    ]);
  });

  it('answers 404 for an unknown environment, upstream or method, and 500 with the error', async () => {
    expect(await post('/upstreams/prod/gitlab/stop')).toBe('404');
    expect(await post('/upstreams/staging/loki/stop')).toBe('404');
    expect(await post('/upstreams/toString/stop')).toBe('404');
    expect(await post('/upstreams/loki/stop', 'GET')).toBe('404');
    expect(await post('/upstreams/prod/grafana/start')).toBe(
      '500 Error: port in use',
    );
  });
});
