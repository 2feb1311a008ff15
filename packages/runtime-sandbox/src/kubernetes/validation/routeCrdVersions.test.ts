import fs from 'node:fs';
import path from 'node:path';
import { loadSeed } from '../../seed';

/**
 * cert-manager's and ExternalDNS's CRDs are the ones of the releases the sandbox's Runtime runs: the
 * `release:` line of each file's header names the seed's component version.
 */

const crdRelease = (file: string) => {
  const text = fs.readFileSync(
    path.resolve(__dirname, '../crds', file),
    'utf8',
  );
  const header = text.slice(0, text.indexOf('\n---'));
  return /^#\s+release:\s+v(\d+\.\d+\.\d+)\b/m.exec(header)?.[1];
};

describe('the route CRD versions', () => {
  it.each([
    ['cert-manager', 'cert-manager.io_certificates.yaml'],
    ['cert-manager', 'cert-manager.io_clusterissuers.yaml'],
    ['external-dns', 'externaldns.k8s.io_dnsendpoints.yaml'],
  ])("are the seed's %s version (%s)", (component, file) => {
    const version = loadSeed().components.find(
      c => c.name === component,
    )?.version;
    expect(version).toBeDefined();
    expect(crdRelease(file)).toBe(version);
  });
});
