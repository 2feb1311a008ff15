import { RunningServer } from '../types';
import { call, startTestOpenBao } from './testUtils';

describe('sandbox OpenBao KV v2 at secret/', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestOpenBao();
  });
  afterAll(() => server.close());

  it('writes versions and answers with their metadata in the Vault envelope', async () => {
    const first = await call(server, 'POST', '/v1/secret/data/app/one', {
      body: { data: { password: 'p1' } },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      wrap_info: null,
      auth: null,
      data: {
        version: 1,
        deletion_time: '',
        destroyed: false,
        custom_metadata: null,
      },
    });
    expect(first.body.request_id).toEqual(expect.any(String));
    expect(Date.parse(first.body.data.created_time)).not.toBeNaN();

    const second = await call(server, 'PUT', '/v1/secret/data/app/one', {
      body: { data: { password: 'p2' }, options: { cas: 1 } },
    });
    expect(second.body.data.version).toBe(2);

    const latest = await call(server, 'GET', '/v1/secret/data/app/one');
    expect(latest.body.data).toMatchObject({
      data: { password: 'p2' },
      metadata: { version: 2, destroyed: false },
    });
    const old = await call(server, 'GET', '/v1/secret/data/app/one?version=1');
    expect(old.body.data.data).toEqual({ password: 'p1' });
  });

  it('refuses a check-and-set mismatch with 400 and the plugin wording', async () => {
    await call(server, 'POST', '/v1/secret/data/app/cas', {
      body: { data: { a: '1' } },
    });
    const createOnly = await call(server, 'POST', '/v1/secret/data/app/cas', {
      body: { data: { a: '2' }, options: { cas: 0 } },
    });
    expect(createOnly).toEqual({
      status: 400,
      body: {
        errors: ['check-and-set parameter did not match the current version'],
      },
    });
    const stale = await call(server, 'POST', '/v1/secret/data/app/cas', {
      body: { data: { a: '2' }, options: { cas: 7 } },
    });
    expect(stale.status).toBe(400);
    const created = await call(server, 'POST', '/v1/secret/data/app/cas-new', {
      body: { data: { a: '1' }, options: { cas: 0 } },
    });
    expect(created.body.data.version).toBe(1);
  });

  it('checks metadata_cas as OpenBao 2.4 does: 0 only creates, otherwise the current metadata version', async () => {
    const write = (path: string, body: Record<string, unknown>) =>
      call(server, 'POST', `/v1/secret/metadata/${path}`, { body });
    const claim = { custom_metadata: { owner: 'team-a' } };

    expect(await write('mcas/new', { ...claim, metadata_cas: 0 })).toEqual({
      status: 204,
      body: undefined,
    });
    expect(
      await write('mcas/new', {
        custom_metadata: { owner: 'team-b' },
        metadata_cas: 0,
      }),
    ).toEqual({
      status: 400,
      body: {
        errors: [
          'metadata check-and-set parameter does not match the current version',
        ],
      },
    });
    expect(await write('mcas/other', { ...claim, metadata_cas: 3 })).toEqual({
      status: 400,
      body: { errors: ['metadata_cas must be 0 when creating new metadata'] },
    });
    expect(
      (await write('mcas/new', { ...claim, metadata_cas: 1 })).status,
    ).toBe(204);
    const read = await call(server, 'GET', '/v1/secret/metadata/mcas/new');
    expect(read.body.data).toMatchObject({
      current_metadata_version: 2,
      custom_metadata: { owner: 'team-a' },
    });

    await call(server, 'POST', '/v1/secret/data/mcas/by-data', {
      body: { data: { a: '1' } },
    });
    expect(
      (await write('mcas/by-data', { ...claim, metadata_cas: 0 })).status,
    ).toBe(204);
  });

  it('answers subkeys with every value null, and 404 for a missing key', async () => {
    await call(server, 'POST', '/v1/secret/data/app/keys', {
      body: { data: { username: 'u', password: 'p' } },
    });
    const keys = await call(
      server,
      'GET',
      '/v1/secret/subkeys/app/keys?depth=1',
    );
    expect(keys.status).toBe(200);
    expect(keys.body.data).toMatchObject({
      subkeys: { username: null, password: null },
      metadata: { version: 1, destroyed: false },
    });
    expect(JSON.stringify(keys.body)).not.toContain('"p"');
    const missing = await call(server, 'GET', '/v1/secret/subkeys/app/none');
    expect(missing).toEqual({ status: 404, body: { errors: [] } });
  });

  it('requires data on writes', async () => {
    expect(
      await call(server, 'POST', '/v1/secret/data/app/empty', { body: {} }),
    ).toEqual({
      status: 400,
      body: { errors: ['no data provided'] },
    });
  });

  it('answers 404 with an empty errors list for missing keys and versions', async () => {
    expect(await call(server, 'GET', '/v1/secret/data/nope')).toEqual({
      status: 404,
      body: { errors: [] },
    });
    expect(await call(server, 'GET', '/v1/secret/metadata/nope')).toEqual({
      status: 404,
      body: { errors: [] },
    });
    expect(
      (await call(server, 'GET', '/v1/secret/data/app/one?version=9')).status,
    ).toBe(404);
  });

  it('keeps custom metadata and max_versions, and reports all versions', async () => {
    await call(server, 'POST', '/v1/secret/data/meta/svc', {
      body: { data: { k: 'v' } },
    });
    await call(server, 'POST', '/v1/secret/data/meta/svc', {
      body: { data: { k: 'w' } },
    });
    const written = await call(server, 'POST', '/v1/secret/metadata/meta/svc', {
      body: {
        custom_metadata: { owner: 'team-a', service: 'svc' },
        max_versions: 5,
      },
    });
    expect(written).toEqual({ status: 204, body: undefined });

    const { status, body } = await call(
      server,
      'GET',
      '/v1/secret/metadata/meta/svc',
    );
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      current_version: 2,
      oldest_version: 0,
      max_versions: 5,
      cas_required: false,
      delete_version_after: '0s',
      custom_metadata: { owner: 'team-a', service: 'svc' },
    });
    expect(Object.keys(body.data.versions)).toEqual(['1', '2']);
    expect(body.data.versions['1']).toEqual({
      created_time: expect.any(String),
      deletion_time: '',
      destroyed: false,
    });
    expect(Date.parse(body.data.updated_time)).toBeGreaterThanOrEqual(
      Date.parse(body.data.created_time),
    );

    const data = await call(server, 'GET', '/v1/secret/data/meta/svc');
    expect(data.body.data.metadata.custom_metadata).toEqual({
      owner: 'team-a',
      service: 'svc',
    });
  });

  it('drops the oldest versions beyond max_versions', async () => {
    await call(server, 'POST', '/v1/secret/metadata/trim/key', {
      body: { max_versions: 2 },
    });
    for (let i = 0; i < 4; i++) {
      await call(server, 'POST', '/v1/secret/data/trim/key', {
        body: { data: { i: String(i) } },
      });
    }
    const { body } = await call(server, 'GET', '/v1/secret/metadata/trim/key');
    expect(Object.keys(body.data.versions)).toEqual(['3', '4']);
    expect(body.data.oldest_version).toBe(3);
    expect(
      (await call(server, 'GET', '/v1/secret/data/trim/key?version=1')).status,
    ).toBe(404);
  });

  it('validates custom metadata as OpenBao does', async () => {
    const { status, body } = await call(
      server,
      'POST',
      '/v1/secret/metadata/meta/bad',
      {
        body: { custom_metadata: { owner: '' } },
      },
    );
    expect(status).toBe(400);
    expect(body.errors[0]).toContain(
      'custom_metadata validation failed: length of value for key "owner" is 0',
    );
  });

  it('lists a folder with GET ?list=true, folders ending in /', async () => {
    await call(server, 'POST', '/v1/secret/data/tree/a', {
      body: { data: { x: '1' } },
    });
    await call(server, 'POST', '/v1/secret/data/tree/sub/b', {
      body: { data: { x: '1' } },
    });
    await call(server, 'POST', '/v1/secret/data/tree/sub/deeper/c', {
      body: { data: { x: '1' } },
    });

    const top = await call(server, 'GET', '/v1/secret/metadata/tree?list=true');
    expect(top.status).toBe(200);
    expect(top.body.data).toEqual({ keys: ['a', 'sub/'] });
    const sub = await call(
      server,
      'GET',
      '/v1/secret/metadata/tree/sub/?list=true',
    );
    expect(sub.body.data).toEqual({ keys: ['b', 'deeper/'] });
  });

  it('answers 404 with an empty errors list when a folder has nothing', async () => {
    expect(
      await call(server, 'GET', '/v1/secret/metadata/empty-folder/?list=true'),
    ).toEqual({
      status: 404,
      body: { errors: [] },
    });
  });

  it('deletes a key with all its versions through metadata', async () => {
    await call(server, 'POST', '/v1/secret/data/gone/key', {
      body: { data: { x: '1' } },
    });
    expect(
      (await call(server, 'DELETE', '/v1/secret/metadata/gone/key')).status,
    ).toBe(204);
    expect((await call(server, 'GET', '/v1/secret/data/gone/key')).status).toBe(
      404,
    );
    expect(
      (await call(server, 'GET', '/v1/secret/metadata/gone?list=true')).status,
    ).toBe(404);
  });

  it('answers unknown mounts and operations as OpenBao does', async () => {
    expect(await call(server, 'GET', '/v1/kv/data/x')).toEqual({
      status: 404,
      body: {
        errors: ['no handler for route "kv/data/x". route entry not found.'],
      },
    });
    const listData = await call(
      server,
      'GET',
      '/v1/secret/data/tree?list=true',
    );
    expect(listData.status).toBe(405);
    expect(listData.body.errors[0]).toContain('unsupported operation');
  });
});
