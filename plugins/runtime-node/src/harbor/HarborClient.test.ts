import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startHarborServer,
} from '@runtime-portal/runtime-sandbox';
import { HttpServiceAccess } from '../config';
import { HarborClient } from './HarborClient';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { httpAccess } from '../testing/httpAccess';
import { recordingFetch } from '../testing/recordingFetch';
import { SilentServer, startSilentServer } from '../testing/testServer';

const TAGS = ['2.0.6', '2.0.5', '2.0.4', '2.0.3', '2.0.2', '2.0.1', '2.0.0'];

describe('HarborClient', () => {
  let server: { url: string; close(): Promise<void> };
  let access: HttpServiceAccess;
  let client: HarborClient;

  beforeAll(async () => {
    const seed = loadSeed();
    // A nested repository name and enough tags for several pages.
    const image = seed.teams[0].services[0].delivery!.image;
    image.repository = 'search-team/models/embedder';
    image.tags = TAGS;
    server = await startHarborServer({
      port: 0,
      seed,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
    });
    access = httpAccess(server.url, {
      username: DEFAULT_SANDBOX_CREDENTIALS.harborUsername,
      password: DEFAULT_SANDBOX_CREDENTIALS.harborPassword,
    });
    client = new HarborClient({ environment: 'dev', access });
  });
  afterAll(() => server.close());

  it('lists artifacts newest first with tags and scan summaries', async () => {
    const artifacts = await client.listArtifacts(
      'media-team',
      'meeting-transcriber',
    );
    expect(artifacts.map(a => a.tags[0].name)).toEqual(['0.9.1', '0.9.0']);
    const seeded =
      loadSeed().teams[2].services[0].delivery!.image.vulnerabilities;
    expect(artifacts[0]).toMatchObject({
      digest: expect.stringMatching(/^sha256:/),
      pushTime: expect.any(String),
      scan: {
        status: 'Success',
        counts: seeded,
        total: seeded.critical + seeded.high + seeded.medium + seeded.low,
        completePercent: 100,
      },
    });
  });

  it('encodes a nested repository twice and follows pages', async () => {
    const requested: string[] = [];
    const counting = new HarborClient({
      environment: 'dev',
      access,
      fetch: recordingFetch(requested),
    });
    const artifacts = await counting.listArtifacts(
      'search-team',
      'models/embedder',
      {
        pageSize: 3,
      },
    );
    expect(artifacts.map(a => a.tags[0].name)).toEqual(TAGS);
    expect(requested).toHaveLength(3);
    expect(requested[0]).toContain(
      '/repositories/models%252Fembedder/artifacts?',
    );
    expect(requested[2]).toMatch(/[?&]page=3/);
  });

  it('stops after maxPages and never asks for more than 100 a page', async () => {
    const requested: string[] = [];
    const counting = new HarborClient({
      environment: 'dev',
      access,
      fetch: recordingFetch(requested),
    });
    expect(
      await counting.listArtifacts('search-team', 'models/embedder', {
        pageSize: 2,
        maxPages: 2,
      }),
    ).toHaveLength(4);
    await counting.listArtifacts('search-team', 'models/embedder', {
      pageSize: 500,
    });
    expect(requested[2]).toMatch(/[?&]page_size=100/);
  });

  it('lists nothing for an unknown repository, and fails with Forbidden for an unknown project', async () => {
    expect(await client.listArtifacts('media-team', 'nope')).toEqual([]);
    const error = await expectUpstreamFailure(
      client.listArtifacts('nope', 'nope'),
    );
    expect(error).toMatchObject({
      upstream: 'harbor',
      reason: 'Forbidden',
      status: 403,
      detail: 'forbidden',
    });
  });

  it('fails with Unauthorized, without the password in the message', async () => {
    const wrong = new HarborClient({
      environment: 'dev',
      access: { ...access, password: 'wrong-harbor-secret' },
    });
    const error = await expectUpstreamFailure(
      wrong.listArtifacts('media-team', 'meeting-transcriber'),
    );
    expect(error).toMatchObject({ reason: 'Unauthorized', status: 401 });
    expect(error.message).not.toContain('wrong-harbor-secret');
  });

  describe('a server that never answers', () => {
    let silent: SilentServer;
    let slow: HarborClient;
    beforeAll(async () => {
      silent = await startSilentServer();
      slow = new HarborClient({
        environment: 'dev',
        access: { ...access, url: silent.url, timeoutMs: 100 },
      });
    });
    afterAll(() => silent.close());

    it('times out', async () => {
      expect(
        await expectUpstreamFailure(slow.listArtifacts('p', 'r')),
      ).toMatchObject({
        reason: 'Timeout',
      });
    });

    it('stops when aborted', async () => {
      const controller = new AbortController();
      const pending = expectUpstreamFailure(
        slow.listArtifacts('p', 'r', { signal: controller.signal }),
      );
      controller.abort();
      expect(await pending).toMatchObject({ reason: 'Aborted' });
    });
  });
});
