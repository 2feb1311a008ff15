import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readRuntimeEnvironments } from './readRuntimeEnvironments';

const read = (environments: JsonValue) =>
  readRuntimeEnvironments(new ConfigReader({ runtime: { environments } }));

describe('readRuntimeEnvironments', () => {
  it('reads every upstream of an environment and applies defaults', () => {
    const [env] = read([
      {
        name: 'dev',
        kubernetes: {
          url: 'https://k8s.example.com/',
          serviceAccountToken: 't',
        },
        openbao: { url: 'https://bao.example.com', token: 'b' },
        objectStorage: {
          endpoint: 'https://minio.example.com',
          accessKeyId: 'a',
          secretAccessKey: 's',
        },
        temporal: { httpUrl: 'http://temporal:7243', timeoutMs: 2000 },
      },
    ]);
    expect(env).toEqual({
      name: 'dev',
      title: 'dev',
      kubernetes: {
        url: 'https://k8s.example.com',
        authProvider: 'serviceAccount',
        serviceAccountToken: 't',
        caData: undefined,
        caFile: undefined,
        skipTLSVerify: false,
        timeoutMs: 10000,
        maxResponseBytes: 8388608,
      },
      openbao: {
        url: 'https://bao.example.com',
        auth: { type: 'token', token: 'b' },
        kvMount: 'secret',
        namespace: undefined,
        kubernetesAuthMount: 'kubernetes',
        timeoutMs: 10000,
        maxResponseBytes: 8388608,
      },
      objectStorage: {
        endpoint: 'https://minio.example.com',
        region: 'us-east-1',
        accessKeyId: 'a',
        secretAccessKey: 's',
        forcePathStyle: true,
        timeoutMs: 10000,
        maxResponseBytes: 8388608,
      },
      temporal: {
        httpUrl: 'http://temporal:7243',
        apiKey: undefined,
        timeoutMs: 2000,
        maxResponseBytes: 8388608,
      },
      kubeai: { namespace: 'runtime-inference' },
    });
  });

  it('reads maxResponseBytes per upstream, else the global runtime.maxResponseBytes', () => {
    const [env] = readRuntimeEnvironments(
      new ConfigReader({
        runtime: {
          maxResponseBytes: 1048576,
          environments: [
            {
              name: 'dev',
              temporal: { httpUrl: 'http://t', maxResponseBytes: 4096 },
              alertmanager: { url: 'http://am' },
              prometheus: { url: 'http://p', maxResponseBytes: 65536 },
            },
          ],
        },
      }),
    );
    expect(env.temporal?.maxResponseBytes).toBe(4096);
    expect(env.alertmanager?.maxResponseBytes).toBe(1048576);
    expect(env.prometheus?.maxResponseBytes).toBe(65536);
  });

  it('accepts in-cluster Kubernetes access and OpenBao Kubernetes auth', () => {
    const [env] = read([
      {
        name: 'prod',
        kubernetes: { authProvider: 'inCluster' },
        openbao: { url: 'https://bao', kubernetesAuth: { role: 'portal' } },
      },
    ]);
    expect(env.kubernetes?.authProvider).toBe('inCluster');
    expect(env.openbao?.auth).toEqual({
      type: 'kubernetes',
      role: 'portal',
      mount: 'kubernetes',
      serviceAccountTokenPath:
        '/var/run/secrets/kubernetes.io/serviceaccount/token',
    });
  });

  it('gives no environments when none are configured', () => {
    expect(readRuntimeEnvironments(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [[{ name: 'Dev!' }], /runtime\.environments\[0\]\.name/],
    [[{ name: 'a' }, { name: 'a' }], /runtime\.environments\[1\]\.name.*twice/],
    [
      [{ name: 'a', kubernetes: { serviceAccountToken: 't' } }],
      /runtime\.environments\[0\]\.kubernetes\.url/,
    ],
    [
      [{ name: 'a', kubernetes: { url: 'https://k' } }],
      /kubernetes\.serviceAccountToken/,
    ],
    [
      [
        {
          name: 'a',
          kubernetes: {
            url: 'https://k',
            serviceAccountToken: 't',
            authProvider: 'oidc',
          },
        },
      ],
      /kubernetes\.authProvider/,
    ],
    [
      [{ name: 'a', openbao: { url: 'ftp://bao', token: 't' } }],
      /openbao\.url.*http/,
    ],
    [
      [{ name: 'a', openbao: { url: 'https://bao' } }],
      /exactly one of 'runtime\.environments\[0\]\.openbao\.token'/,
    ],
    [
      [
        {
          name: 'a',
          objectStorage: { endpoint: 'https://m', accessKeyId: 'k' },
        },
      ],
      /objectStorage\.secretAccessKey/,
    ],
    [
      [{ name: 'a', temporal: { httpUrl: 'http://t', timeoutMs: -1 } }],
      /temporal\.timeoutMs/,
    ],
    [
      [{ name: 'a', loki: { url: 'http://l', maxResponseBytes: 0 } }],
      /'runtime\.environments\[0\]\.loki\.maxResponseBytes': 0 must be a whole number of bytes/,
    ],
    [
      [{ name: 'a', kubeai: { namespace: 'Team A' } }],
      /'runtime\.environments\[0\]\.kubeai\.namespace'/,
    ],
  ])('rejects bad config %#, naming the key', (environments, message) => {
    expect(() => read(environments)).toThrow(message);
  });

  it('never puts a credential into an error message', () => {
    expect(() =>
      read([{ name: 'a', openbao: { url: 'nope', token: 'canary-secret' } }]),
    ).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('canary-secret'),
      }),
    );
  });
});
