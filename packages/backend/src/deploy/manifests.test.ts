import fs from 'node:fs';
import { parse } from 'yaml';
import {
  isBuiltInKind,
  validateBuiltIn,
  validateMetadata,
} from './__testUtils__/builtInSchemas';
import { isCustomKind, validateCustom } from './__testUtils__/crdSchemas';
import {
  DEPLOY_DIR,
  ManifestObject,
  buildManifests,
  only,
  podSpecOf,
  readDeployFile,
  readYamlObjects,
} from './__testUtils__/deployManifests';

const manifests = buildManifests();
const PORTAL_NAMESPACE = 'runtime-portal';
const SECRET_NAME = 'runtime-portal-secrets';
const appConfig = parse(readDeployFile('app-config.kubernetes.yaml'));
const kubeaiNamespace: string =
  appConfig.runtime.environments[0].kubeai.namespace;
/** Where the APISIX gateway's Service is read (`routes.gateway.namespace`, runtime-network by default). */
const GATEWAY_NAMESPACE: string =
  appConfig.runtime.environments[0].routes?.gateway?.namespace ??
  'runtime-network';

describe('deploy/ against the Kubernetes API schemas', () => {
  const label = (o: ManifestObject) => `${o.kind} ${o.metadata.name}`;
  const builtIn = manifests.filter(m => isBuiltInKind(m.object));
  const custom = manifests.filter(m => !isBuiltInKind(m.object));

  it.each(builtIn.map(m => [label(m.object), m.object]))(
    '%s is valid against the Kubernetes API',
    (_label, object) => {
      expect(validateBuiltIn(object)).toEqual([]);
    },
  );

  it.each(custom.map(m => [label(m.object), m.object]))(
    '%s is valid against its upstream CRD',
    (_label, object) => {
      expect(isCustomKind(object)).toBe(true);
      expect([...validateCustom(object), ...validateMetadata(object)]).toEqual(
        [],
      );
    },
  );

  it('knows the schema of every kind, built-in or custom', () => {
    expect(builtIn.length).toBeGreaterThan(5);
    expect(custom.map(m => m.object.kind).sort()).toEqual([
      'ApisixRoute',
      'ApisixTls',
      'Certificate',
    ]);
  });

  it('validates the RoleBinding applied in each team namespace', () => {
    const [binding] = readYamlObjects('team-namespace/rolebinding.yaml');
    expect(validateBuiltIn(binding)).toEqual([]);
    // Applied with `kubectl apply -n <team namespace>`: it must not name one.
    expect(binding.metadata.namespace).toBeUndefined();
  });

  it('would catch a field the API does not know, or a wrong type', () => {
    const deployment = structuredClone(only(manifests, 'Deployment'));
    deployment.spec.template.spec.containers[0].readOnlyRootFileSystem = true;
    deployment.spec.replicas = 'two';
    const problems = validateBuiltIn(deployment);
    expect(problems.join('\n')).toMatch(/replicas must be integer/);
    expect(problems).toContain(
      'unknown field Deployment.spec.template.spec.containers[0].readOnlyRootFileSystem',
    );
    const route = structuredClone(only(manifests, 'ApisixRoute'));
    route.spec.http[0].backend = route.spec.http[0].backends;
    delete route.spec.http[0].match.paths;
    const problems2 = validateCustom(route);
    expect(problems2).toContain(
      "/spec/http/0/match must have required property 'paths'",
    );
    expect(problems2).toContain(
      '/spec/http/0 must NOT have additional properties (backend)',
    );
  });

  it('puts every namespaced object in the portal namespace, except the KubeAI and gateway Service readers', () => {
    const expectedNamespace = (object: ManifestObject) => {
      if (
        ['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(object.kind)
      ) {
        return undefined;
      }
      if (object.metadata.name === 'runtime-portal-gateway-service-reader') {
        return GATEWAY_NAMESPACE;
      }
      return object.metadata.name === 'runtime-portal-kubeai-service-reader'
        ? kubeaiNamespace
        : PORTAL_NAMESPACE;
    };
    expect(
      manifests.map(m => [label(m.object), m.object.metadata.namespace]),
    ).toEqual(
      manifests.map(m => [label(m.object), expectedNamespace(m.object)]),
    );
    expect(only(manifests, 'Namespace').metadata.name).toBe(PORTAL_NAMESPACE);
  });

  it('applies every manifest of deploy/ but the per-team-namespace one', () => {
    const listed = new Set(manifests.map(m => m.file));
    const files = fs
      .readdirSync(DEPLOY_DIR, { recursive: true, encoding: 'utf8' })
      .filter(f => f.endsWith('.yaml'))
      .filter(
        f =>
          ![
            'kustomization.yaml',
            'app-config.kubernetes.yaml',
            'team-namespace/rolebinding.yaml',
            // Patches of Argo CD's own ConfigMaps (argocdPolicy.test.ts), in its namespace.
            'argocd/argocd-cm.yaml',
            'argocd/argocd-rbac-cm.yaml',
          ].includes(f),
      );
    expect(files.length).toBeGreaterThan(5);
    expect(files.filter(f => !listed.has(f))).toEqual([]);
  });

  it('ships no Secret: credentials come from the one the platform creates', () => {
    expect(manifests.filter(m => m.object.kind === 'Secret')).toEqual([]);
  });
});

describe('the Deployment', () => {
  const deployment = only(manifests, 'Deployment');
  const pod = podSpecOf(deployment);
  const [container] = pod.containers;
  const podLabels = deployment.spec.template.metadata.labels;
  const selects = (selector: Record<string, string>) =>
    Object.entries(selector).every(([k, v]) => podLabels[k] === v);

  it('runs two or more replicas, spread over nodes, kept up through disruptions', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    const byNode = pod.topologySpreadConstraints.find(
      (c: any) => c.topologyKey === 'kubernetes.io/hostname',
    );
    expect(byNode).toMatchObject({
      maxSkew: 1,
      whenUnsatisfiable: 'DoNotSchedule',
    });
    expect(selects(byNode.labelSelector.matchLabels)).toBe(true);
    const pdb = only(manifests, 'PodDisruptionBudget');
    expect(selects(pdb.spec.selector.matchLabels)).toBe(true);
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  });

  it("probes Backstage's health endpoints on the container's port", () => {
    const port = container.ports.find((p: any) => p.name === 'http');
    expect(port.containerPort).toBe(7007);
    expect(appConfig.backend.listen.port).toBe(port.containerPort);
    expect(container.readinessProbe.httpGet).toEqual({
      path: '/.backstage/health/v1/readiness',
      port: 'http',
    });
    expect(container.livenessProbe.httpGet).toEqual({
      path: '/.backstage/health/v1/liveness',
      port: 'http',
    });
    expect(container.startupProbe.httpGet).toEqual({
      path: '/.backstage/health/v1/liveness',
      port: 'http',
    });
  });

  it('runs as a non-root user on a read-only root filesystem, with nothing more', () => {
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(Number.isInteger(pod.securityContext.runAsUser)).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext.capabilities.add).toBeUndefined();
    const tmp = container.volumeMounts.find((m: any) => m.mountPath === '/tmp');
    expect(
      pod.volumes.find((v: any) => v.name === tmp.name).emptyDir,
    ).toBeDefined();
    expect(appConfig.techdocs.publisher.local.publishDirectory).toMatch(
      /^\/tmp\//,
    );
  });

  it('has resource requests and limits', () => {
    for (const bound of ['requests', 'limits']) {
      expect(Object.keys(container.resources[bound]).sort()).toEqual([
        'cpu',
        'memory',
      ]);
    }
  });

  it('loads the generated app-config after the image’s own, from the ConfigMap', () => {
    const configArgs = container.args.filter(
      (_: string, i: number) => container.args[i - 1] === '--config',
    );
    expect(configArgs).toEqual([
      'app-config.yaml',
      'app-config.production.yaml',
      '/config/app-config.kubernetes.yaml',
    ]);
    const mount = container.volumeMounts.find(
      (m: any) => m.mountPath === '/config',
    );
    const volume = pod.volumes.find((v: any) => v.name === mount.name);
    const configMap = only(manifests, 'ConfigMap', volume.configMap.name);
    expect(Object.keys(configMap.data)).toEqual(['app-config.kubernetes.yaml']);
  });

  it('runs a pinned image as its own service account', () => {
    expect(container.image).toMatch(/^[^:]+:[\w.-]+$/);
    expect(container.image).not.toMatch(/:latest$/);
    expect(pod.serviceAccountName).toBe(
      only(manifests, 'ServiceAccount').metadata.name,
    );
  });

  it('takes every credential from the Secret by reference, never as a value', () => {
    const credential = /PASSWORD|SECRET|TOKEN|_KEY$|^REDIS_URL$|_USER$/;
    const sourceOf = (env: any) =>
      env.valueFrom ? `secret ${env.valueFrom.secretKeyRef?.name}` : 'value';
    expect(container.env.length).toBeGreaterThan(10);
    expect(container.env.map((e: any) => [e.name, sourceOf(e)])).toEqual(
      container.env.map((e: any) => [
        e.name,
        credential.test(e.name) ? `secret ${SECRET_NAME}` : 'value',
      ]),
    );
    expect(
      container.env.filter((e: any) => e.value !== undefined && e.valueFrom),
    ).toEqual([]);
    expect(container.envFrom).toBeUndefined();
  });

  it("documents the Secret's keys in deploy/README.md, exactly", () => {
    const keys = container.env
      .filter((e: any) => e.valueFrom?.secretKeyRef)
      .map((e: any) => e.valueFrom.secretKeyRef.key)
      .sort();
    const readme = readDeployFile('README.md');
    const table = readme.slice(readme.indexOf('<!-- secret-keys -->'));
    const documented = [...table.matchAll(/^\| `([A-Z0-9_]+)`\s+\|/gm)].map(
      m => m[1],
    );
    expect(documented.sort()).toEqual(keys);
  });
});

describe('the route to the portal', () => {
  const route = only(manifests, 'ApisixRoute');
  const tls = only(manifests, 'ApisixTls');
  const certificate = only(manifests, 'Certificate');
  const service = only(manifests, 'Service');
  const host = new URL(appConfig.app.baseUrl).host;

  it('serves the host of app.baseUrl and backend.baseUrl over TLS from the Certificate', () => {
    expect(appConfig.backend.baseUrl).toBe(appConfig.app.baseUrl);
    expect(new URL(appConfig.app.baseUrl).protocol).toBe('https:');
    expect(route.spec.http.flatMap((h: any) => h.match.hosts)).toEqual([host]);
    expect(tls.spec.hosts).toEqual([host]);
    expect(certificate.spec.dnsNames).toEqual([host]);
    expect(tls.spec.secret).toEqual({
      name: certificate.spec.secretName,
      namespace: certificate.metadata.namespace,
    });
    expect(tls.spec.ingressClassName).toBe(route.spec.ingressClassName);
  });

  it("reaches the portal's Service, which selects the Deployment's pods", () => {
    const deployment = only(manifests, 'Deployment');
    const [backend] = route.spec.http[0].backends;
    expect(backend.serviceName).toBe(service.metadata.name);
    const port = service.spec.ports.find(
      (p: any) => p.port === backend.servicePort,
    );
    expect(port.targetPort).toBe('http');
    const labels = deployment.spec.template.metadata.labels;
    for (const [k, v] of Object.entries(service.spec.selector)) {
      expect(labels[k]).toBe(v);
    }
    const policy = only(manifests, 'NetworkPolicy');
    for (const [k, v] of Object.entries(policy.spec.podSelector.matchLabels)) {
      expect(labels[k]).toBe(v);
    }
  });
});

/** Keys whose values are credentials in Backstage and the Runtime config (`@visibility secret`). */
const CREDENTIAL_KEY =
  /^(token|password|clientSecret|secret|secretAccessKey|accessKeyId|serviceAccountToken|apiKey|headers)$/;

function credentialValues(
  value: unknown,
  at: string,
): Array<[string, unknown]> {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => credentialValues(v, `${at}[${i}]`));
  }
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) =>
    CREDENTIAL_KEY.test(key)
      ? [[`${at}.${key}`, v]]
      : credentialValues(v, `${at}.${key}`),
  );
}

describe('the ConfigMap', () => {
  it('holds no credential: each one is a ${VAR} of the container, from the Secret', () => {
    const deployment: ManifestObject = only(manifests, 'Deployment');
    const fromSecret = new Set(
      podSpecOf(deployment)
        .containers[0].env.filter((e: any) => e.valueFrom?.secretKeyRef)
        .map((e: any) => e.name),
    );
    const found = credentialValues(appConfig, 'config');
    expect(found.length).toBeGreaterThan(0);
    for (const [key, value] of found) {
      const variable = /^\$\{(\w+)\}$/.exec(String(value))?.[1];
      expect([key, variable && fromSecret.has(variable)]).toEqual([key, true]);
    }
  });
});
