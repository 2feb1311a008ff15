import { ConfigReader } from '@backstage/config';
import { RuntimeClients } from './RuntimeClients';
import { KubernetesClient } from '../kubernetes';
import { OpenBaoClient } from '../openbao';

const clients = RuntimeClients.fromConfig(
  new ConfigReader({
    runtime: {
      environments: [
        {
          name: 'dev',
          kubernetes: { url: 'https://k8s.dev', serviceAccountToken: 't' },
          openbao: { url: 'https://bao.dev', token: 'b' },
        },
        { name: 'prod', openbao: { url: 'https://bao.prod', token: 'b' } },
      ],
    },
  }),
);

describe('RuntimeClients', () => {
  it('makes one shared client per environment and upstream', () => {
    const k8s = clients.client('dev', 'kubernetes');
    expect(k8s).toBeInstanceOf(KubernetesClient);
    expect(clients.client('dev', 'kubernetes')).toBe(k8s);
    expect(clients.client('prod', 'openbao')).toBeInstanceOf(OpenBaoClient);
    expect(clients.client('prod', 'openbao')).not.toBe(
      clients.client('dev', 'openbao'),
    );
  });

  it('reaches only configured environments and upstreams, with errors that say so', () => {
    expect(() => clients.client('staging', 'openbao')).toThrow(
      "No Runtime environment 'staging' is configured; known: dev, prod",
    );
    expect(() => clients.client('prod', 'kubernetes')).toThrow(
      "Runtime environment 'prod' has no kubernetes configured",
    );
    expect(clients.has('prod', 'kubernetes')).toBe(false);
    expect(clients.environments().map(e => e.name)).toEqual(['dev', 'prod']);
  });
});
