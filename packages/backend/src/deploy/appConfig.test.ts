import {
  readRuntimeDeliveryServices,
  readRuntimeEnvironments,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  buildManifests,
  only,
  podSpecOf,
} from './__testUtils__/deployManifests';
import {
  configVariables,
  deployedConfig,
} from './__testUtils__/effectiveConfig';

const [container] = podSpecOf(only(buildManifests(), 'Deployment')).containers;
const { env: containerEnv, merged, config } = deployedConfig(container);

describe("the portal's configuration in the cluster", () => {
  it('refers only to variables the container has, and uses every one it is given', () => {
    const used = configVariables(merged);
    const given = Object.keys(containerEnv).filter(
      name => !['NODE_ENV', 'NODE_OPTIONS'].includes(name),
    );
    expect([...used].sort()).toEqual(given.sort());
  });

  it('reads as the Runtime clients read it: one in-cluster environment', () => {
    const [environment, ...others] = readRuntimeEnvironments(config);
    expect(others).toEqual([]);
    expect(environment.name).toBe(containerEnv.RUNTIME_ENVIRONMENT_NAME);
    expect(environment.kubernetes).toMatchObject({ authProvider: 'inCluster' });
    expect(environment.kubernetes?.serviceAccountToken).toBeUndefined();
    expect(environment.openbao?.auth).toEqual({
      type: 'kubernetes',
      role: 'runtime-portal',
      mount: 'kubernetes',
      serviceAccountTokenPath: expect.any(String),
    });
    expect(environment.objectStorage?.accessKeyId).toBe(
      'from-secret-MINIO_ACCESS_KEY',
    );
    const inCluster =
      /^https?:\/\/[a-z0-9-]+\.[a-z0-9-]+\.svc\.cluster\.local(:\d+)?$/;
    for (const url of [
      environment.openbao?.url,
      environment.objectStorage?.endpoint,
      environment.temporal?.httpUrl,
      environment.prometheus?.url,
      environment.alertmanager?.url,
      environment.loki?.url,
      environment.tempo?.url,
      environment.grafana?.url,
      environment.argocd?.url,
    ]) {
      expect(url).toMatch(inCluster);
    }
    const delivery = readRuntimeDeliveryServices(config);
    expect(delivery.harbor?.url).toMatch(inCluster);
    expect(delivery.gitlab?.token).toBe('from-secret-GITLAB_TOKEN');
  });

  it('runs on PostgreSQL and Redis from the container environment', () => {
    expect(config.getString('backend.database.client')).toBe('pg');
    expect(config.getString('backend.database.connection.host')).toMatch(
      /\.svc\.cluster\.local$/,
    );
    expect(config.getString('backend.database.connection.password')).toBe(
      'from-secret-POSTGRES_PASSWORD',
    );
    expect(config.getString('backend.cache.connection')).toBe(
      'from-secret-REDIS_URL',
    );
  });

  it('gives the Kubernetes tab the same cluster, with the pod’s own token', () => {
    const [locator] = config.getConfigArray('kubernetes.clusterLocatorMethods');
    const [cluster] = locator.getConfigArray('clusters');
    expect(cluster.getString('name')).toBe(
      containerEnv.RUNTIME_ENVIRONMENT_NAME,
    );
    expect(cluster.getString('authProvider')).toBe('serviceAccount');
    expect(cluster.getOptionalString('serviceAccountToken')).toBeUndefined();
    expect(cluster.getString('caFile')).toBe(
      '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
    );
  });

  it('points the browser and sign-in at the public host', () => {
    expect(config.getString('app.baseUrl')).toMatch(/^https:\/\//);
    expect(config.getString('backend.cors.origin')).toBe(
      config.getString('app.baseUrl'),
    );
    expect(config.getString('auth.providers.oidc.production.metadataUrl')).toBe(
      `${containerEnv.KEYCLOAK_BASE_URL}/realms/${containerEnv.KEYCLOAK_REALM}/.well-known/openid-configuration`,
    );
  });
});
