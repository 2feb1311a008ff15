import { loadSeed } from '../seed';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { VULNERABILITY_REPORT_MIME_TYPE } from './seedArtifacts';
import { startHarborServer } from './startHarborServer';

const { harborUsername, harborPassword } = DEFAULT_SANDBOX_CREDENTIALS;
const basic = `Basic ${Buffer.from(
  `${harborUsername}:${harborPassword}`,
).toString('base64')}`;

describe('startHarborServer', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const seed = loadSeed();
    // A repository name with a slash, which the API takes URL-encoded twice.
    seed.teams[0].services[0].delivery!.image.repository =
      'search-team/models/embedder';
    server = await startHarborServer({
      port: 0,
      seed,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
    });
  });
  afterAll(() => server.close());

  async function api(path: string, authorization = basic) {
    const response = await fetch(`${server.url}/api/v2.0${path}`, {
      headers: { authorization },
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: response.headers.get('content-type')?.includes('json')
        ? JSON.parse(text)
        : text,
    };
  }

  const artifacts =
    '/projects/media-team/repositories/meeting-transcriber/artifacts';

  it('answers ping without credentials', async () => {
    expect((await api('/ping', '')).body).toBe('Pong');
  });

  it('refuses missing or wrong credentials with 401 UNAUTHORIZED', async () => {
    for (const authorization of [
      '',
      `Basic ${Buffer.from('robot$x:nope').toString('base64')}`,
    ]) {
      const { status, body, headers } = await api(artifacts, authorization);
      expect(status).toBe(401);
      expect(body).toEqual({
        errors: [{ code: 'UNAUTHORIZED', message: 'unauthorized' }],
      });
      expect(headers.get('www-authenticate')).toContain('Basic');
    }
  });

  it('lists artifacts newest first with tags and the scan overview', async () => {
    const { status, body, headers } = await api(
      `${artifacts}?with_tag=true&with_scan_overview=true`,
    );
    expect(status).toBe(200);
    expect(headers.get('x-total-count')).toBe('2');
    expect(body.map((a: any) => a.tags[0].name)).toEqual(['0.9.1', '0.9.0']);
    expect(body[0]).toMatchObject({
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      push_time: expect.any(String),
      tags: [{ name: '0.9.1', push_time: expect.any(String) }],
    });
    const seeded =
      loadSeed().teams[2].services[0].delivery!.image.vulnerabilities;
    const report = body[0].scan_overview[VULNERABILITY_REPORT_MIME_TYPE];
    expect(report).toMatchObject({
      scan_status: 'Success',
      complete_percent: 100,
      start_time: expect.any(String),
      end_time: expect.any(String),
    });
    const expected = Object.fromEntries(
      (
        [
          ['Critical', seeded.critical],
          ['High', seeded.high],
          ['Medium', seeded.medium],
          ['Low', seeded.low],
        ] as const
      ).filter(([, count]) => count > 0),
    );
    expect(report.summary.summary).toEqual(expected);
    expect(report.summary.total).toBe(
      seeded.critical + seeded.high + seeded.medium + seeded.low,
    );
  });

  it('leaves out the scan overview unless asked, and tags when with_tag=false', async () => {
    const { body } = await api(`${artifacts}?with_tag=false`);
    expect(body[0].scan_overview).toBeUndefined();
    expect(body[0]).not.toHaveProperty('tags');
  });

  it('keys the scan overview by the first report type X-Accept-Vulnerabilities accepts', async () => {
    const native =
      'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0';
    const overview = async (accept?: string) => {
      const response = await fetch(
        `${server.url}/api/v2.0${artifacts}?with_scan_overview=true`,
        {
          headers: {
            authorization: basic,
            ...(accept ? { 'x-accept-vulnerabilities': accept } : {}),
          },
        },
      );
      return Object.keys((await response.json())[0].scan_overview);
    };
    expect(await overview()).toEqual([VULNERABILITY_REPORT_MIME_TYPE]);
    expect(await overview(native)).toEqual([native]);
    expect(
      await overview(`${native}, ${VULNERABILITY_REPORT_MIME_TYPE}`),
    ).toEqual([native]);
    expect(await overview('text/plain')).toEqual([native]);
  });

  it('pages with page_size, X-Total-Count and Link', async () => {
    const first = await api(`${artifacts}?page_size=1`);
    expect(first.body).toHaveLength(1);
    expect(first.headers.get('x-total-count')).toBe('2');
    expect(first.headers.get('link')).toBe(
      `</api/v2.0${artifacts}?page_size=1&page=2>; rel="next"`,
    );
    const second = await api(`${artifacts}?page_size=1&page=2`);
    expect(second.body[0].tags[0].name).toBe('0.9.0');
    expect(second.headers.get('link')).toContain('rel="prev"');
    expect(second.headers.get('link')).not.toContain('rel="next"');
  });

  it('refuses page_size above 100 as go-swagger validation does', async () => {
    const { status, body } = await api(`${artifacts}?page_size=101`);
    expect(status).toBe(422);
    expect(body.errors[0]).toEqual({
      code: 'UNPROCESSABLE_ENTITY',
      message:
        'validation failure list:\npage_size in query should be less than or equal to 100',
    });
  });

  it('filters by q (exact and fuzzy tag)', async () => {
    const exact = await api(
      `${artifacts}?q=${encodeURIComponent('tags=0.9.0')}`,
    );
    expect(exact.body.map((a: any) => a.tags[0].name)).toEqual(['0.9.0']);
    const fuzzy = await api(
      `${artifacts}?q=${encodeURIComponent('tags=~0.9')}`,
    );
    expect(fuzzy.body).toHaveLength(2);
  });

  it('reads a repository whose name has a slash, encoded twice', async () => {
    const { status, body } = await api(
      '/projects/search-team/repositories/models%252Fembedder/artifacts',
    );
    expect(status).toBe(200);
    expect(body.map((a: any) => a.tags[0].name)).toEqual([
      '1.8.2',
      '1.8.1',
      '1.8.0',
    ]);
  });

  it('answers 403 FORBIDDEN for an unknown project, and an empty list for an unknown repository', async () => {
    const project = await api('/projects/nope/repositories/x/artifacts');
    expect(project.status).toBe(403);
    expect(project.body).toEqual({
      errors: [{ code: 'FORBIDDEN', message: 'forbidden' }],
    });
    const repository = await api(
      '/projects/media-team/repositories/x/artifacts',
    );
    expect(repository.status).toBe(200);
    expect(repository.body).toEqual([]);
    expect(repository.headers.get('x-total-count')).toBe('0');
  });
});
