import { KubeConfig } from '@kubernetes/client-node';
import { KubernetesAccess } from '../config';

/**
 * Builds a `KubeConfig` from an environment's Kubernetes access: the API server URL with its CA
 * (data or file) or `skipTLSVerify` and the service account token, or the pod's own in-cluster
 * account (token file, refreshed by client-node, and the service account CA), optionally at
 * another URL.
 *
 * @public
 */
export function kubeConfigFromAccess(access: KubernetesAccess): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (access.authProvider === 'inCluster') {
    kubeConfig.loadFromCluster();
    const [cluster] = kubeConfig.clusters;
    kubeConfig.loadFromOptions({
      clusters: [
        {
          ...cluster,
          server: access.url ?? cluster.server,
          skipTLSVerify: access.skipTLSVerify,
          ...(access.caData
            ? { caData: access.caData, caFile: undefined }
            : {}),
          ...(access.caFile ? { caFile: access.caFile } : {}),
        },
      ],
      users: kubeConfig.users,
      contexts: kubeConfig.contexts,
      currentContext: kubeConfig.currentContext,
    });
    return kubeConfig;
  }
  kubeConfig.loadFromClusterAndUser(
    {
      name: 'runtime',
      server: access.url ?? '',
      caData: access.caData,
      caFile: access.caFile,
      skipTLSVerify: access.skipTLSVerify,
    },
    { name: 'runtime-portal', token: access.serviceAccountToken },
  );
  return kubeConfig;
}
