import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import { bucketDetails } from './bucketDetails';

/** Clients whose object storage answers the S3 reads, and whose admin API fails as given. */
function clientsWithAdminFailure(failure: Error): RuntimeClients {
  const storage = {
    headBucket: async () => true,
    getVersioning: async () => 'Enabled',
    getLifecycle: async () => ({ rules: [] }),
    getTags: async () => ({ owner: 'search-team', service: 'semantic-search' }),
    getPolicy: async () => undefined,
    admin: {
      getUser: async () => {
        throw failure;
      },
      getCannedPolicy: async () => undefined,
    },
  };
  return {
    client: () => storage,
    environment: () => ({ objectStorage: { endpoint: 'http://s3.test' } }),
  } as unknown as RuntimeClients;
}

describe('bucketDetails', () => {
  it("still shows the bucket when its service's MinIO user cannot be read, and says why", async () => {
    const details = await bucketDetails(
      clientsWithAdminFailure(new Error('Forbidden: admin:GetUser denied')),
      'dev',
      's3://semantic-search-index',
      new AbortController().signal,
    );
    expect(details).toMatchObject({
      name: 'semantic-search-index',
      versioning: 'Enabled',
      access: {
        service: 'semantic-search',
        userStatus: 'unknown',
        message: 'Forbidden: admin:GetUser denied',
        credentialsPath: 'semantic-search/buckets/semantic-search-index',
      },
    });
  });
});
