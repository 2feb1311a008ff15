import { kubeConfigFromAccess } from './kubeConfig';

describe('kubeConfigFromAccess', () => {
  it('uses the URL, CA and service account token of a serviceAccount access', () => {
    const kubeConfig = kubeConfigFromAccess({
      url: 'https://k8s.example.com:6443',
      authProvider: 'serviceAccount',
      serviceAccountToken: 'token-value',
      caData: Buffer.from('-----BEGIN CERTIFICATE-----').toString('base64'),
      skipTLSVerify: false,
      timeoutMs: 1000,
    });
    expect(kubeConfig.getCurrentCluster()).toMatchObject({
      server: 'https://k8s.example.com:6443',
      skipTLSVerify: false,
      caData: expect.any(String),
    });
    expect(kubeConfig.getCurrentUser()).toMatchObject({ token: 'token-value' });
  });

  describe('in cluster', () => {
    const env = process.env;
    beforeEach(() => {
      process.env = {
        ...env,
        KUBERNETES_SERVICE_HOST: '10.96.0.1',
        KUBERNETES_SERVICE_PORT: '443',
      };
    });
    afterEach(() => {
      process.env = env;
    });

    it('uses the pod’s service account token file and CA', () => {
      const kubeConfig = kubeConfigFromAccess({
        authProvider: 'inCluster',
        skipTLSVerify: false,
        timeoutMs: 1000,
      });
      expect(kubeConfig.getCurrentCluster()).toMatchObject({
        server: 'https://10.96.0.1:443',
        caFile: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
      });
      expect(kubeConfig.getCurrentUser()?.authProvider).toMatchObject({
        name: 'tokenFile',
        config: {
          tokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token',
        },
      });
    });

    it('can point at another URL', () => {
      const kubeConfig = kubeConfigFromAccess({
        authProvider: 'inCluster',
        url: 'https://kubernetes.default.svc',
        skipTLSVerify: false,
        timeoutMs: 1000,
      });
      expect(kubeConfig.getCurrentCluster()?.server).toBe(
        'https://kubernetes.default.svc',
      );
    });
  });
});
