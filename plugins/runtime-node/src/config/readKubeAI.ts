import { Config } from '@backstage/config';
import { RUNTIME_COMPONENTS } from '@runtime-portal/backstage-plugin-runtime-common';
import { requireUrl } from './requireUrl';
import { KubeAIAccess } from './types';

/** A Kubernetes namespace name (RFC 1123 label). */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The namespace the platform model installs KubeAI in: where its Service is looked for unless an
 * environment's `kubeai.namespace` says otherwise.
 *
 * @public
 */
export const DEFAULT_KUBEAI_NAMESPACE =
  RUNTIME_COMPONENTS.find(c => c.id === 'kubeai')?.namespace ??
  'runtime-inference';

/**
 * Reads an environment's `kubeai` block (`baseUrl`, `namespace`); without one, KubeAI's Service is
 * looked for in {@link DEFAULT_KUBEAI_NAMESPACE}. A bad value throws an error naming the key.
 *
 * @public
 */
export function readKubeAI(c: Config | undefined, key: string): KubeAIAccess {
  const namespace =
    c?.getOptionalString('namespace') ?? DEFAULT_KUBEAI_NAMESPACE;
  if (!NAMESPACE.test(namespace)) {
    throw new Error(
      `Invalid config at '${key}.namespace': '${namespace}' is not a Kubernetes namespace name`,
    );
  }
  const baseUrl = c?.getOptionalString('baseUrl');
  if (baseUrl === undefined) return { namespace };
  return { namespace, baseUrl: requireUrl(baseUrl, `${key}.baseUrl`) };
}
