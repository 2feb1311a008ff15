import { liveResourceEntity, LiveResource } from './liveResourceEntity';

const bucket: LiveResource = {
  environment: 'dev',
  type: 'bucket',
  name: 'recordings',
  upstreamRef: 'recordings',
  hostComponent: 'minio',
  area: 'data-storage',
  ownerValue: 'media-team',
  ownerSource: "bucket tag 'owner'",
  service: 'meeting-transcriber',
  details: {},
};

describe('liveResourceEntity', () => {
  it('names the entity with the configured prefix, when there is one', () => {
    const options = {
      ownerFallback: 'group:default/platform-team',
      location: 'runtime:dev/buckets',
    };
    expect(liveResourceEntity(bucket, options).metadata.name).toBe(
      'dev-bucket-recordings',
    );
    expect(
      liveResourceEntity(bucket, { ...options, namePrefix: 'rt' }).metadata
        .name,
    ).toBe('rt-dev-bucket-recordings');
  });

  it('owns, relates and tags the resource', () => {
    const entity = liveResourceEntity(bucket, {
      ownerFallback: 'group:default/platform-team',
      location: 'runtime:dev/buckets',
    });
    expect(entity.spec).toMatchObject({
      type: 'bucket',
      owner: 'group:default/media-team',
      dependsOn: ['component:default/minio'],
      dependencyOf: ['component:default/meeting-transcriber'],
      system: 'runtime-data-storage',
    });
    expect(entity.metadata.tags).toEqual(['runtime', 'dev']);
  });

  it('carries the expiry as an annotation only when the resource records one', () => {
    const options = {
      ownerFallback: 'group:default/platform-team',
      location: 'runtime:dev/buckets',
    };
    expect(
      liveResourceEntity(
        { ...bucket, expiresAt: '2027-01-15T08:30:00Z' },
        options,
      ).metadata.annotations,
    ).toMatchObject({ 'runtime-portal.io/expires-at': '2027-01-15T08:30:00Z' });
    expect(
      liveResourceEntity(bucket, options).metadata.annotations,
    ).not.toHaveProperty('runtime-portal.io/expires-at');
  });
});
