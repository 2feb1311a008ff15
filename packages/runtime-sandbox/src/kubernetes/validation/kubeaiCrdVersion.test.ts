import fs from 'node:fs';
import path from 'node:path';
import { loadSeed } from '../../seed';

/**
 * The KubeAI Model CRD the sandbox validates with is the one of the KubeAI release the sandbox's
 * Runtime runs: the `release:` line of `crds/kubeai.org_models.yaml`'s header names the same version
 * as the seed's `kubeai` component, so moving one without the other fails here.
 */

const CRD_FILE = path.resolve(__dirname, '../crds/kubeai.org_models.yaml');

/** The KubeAI release named in the CRD file's header (`#   release:    v0.14.0 (commit …)`). */
function crdRelease(text: string): string | undefined {
  const header = text.slice(0, text.indexOf('\n---'));
  return /^#\s+release:\s+v(\d+\.\d+\.\d+)\b/m.exec(header)?.[1];
}

describe('the KubeAI CRD version', () => {
  it("is the seed's kubeai component version", () => {
    const kubeai = loadSeed().components.find(c => c.name === 'kubeai');
    expect(kubeai?.version).toBeDefined();
    expect(crdRelease(fs.readFileSync(CRD_FILE, 'utf8'))).toBe(kubeai!.version);
  });

  it('is read from the header only, and only from a release line', () => {
    expect(crdRelease('# release: v0.22.1 (commit x)\n---\nkind: X\n')).toBe(
      '0.22.1',
    );
    expect(crdRelease('# path: a\n---\n# release: v0.14.0\n')).toBeUndefined();
    expect(crdRelease('# release: main\n---\n')).toBeUndefined();
  });
});
