/* eslint-disable @backstage/no-undeclared-imports -- a test helper, run from source only: its
   imports are the backend's devDependencies */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { REPO_ROOT } from './startBackendProcess';

/**
 * An environment's `routes` block (see runtime-node's `readRoutes`), as configuration data (a type,
 * not an interface, so that it is a JSON object to the config reader).
 */
export type RoutesConfig = {
  domains: string[];
  clusterIssuer: string;
  ingressClassName?: string;
  gateway?: { namespace?: string; service?: string };
};

/**
 * The sandbox's `dev` routes (`runtime.environments[].routes`) exactly as app-config.yaml gives
 * them: its APISIX gateway, cert-manager CA issuer and domains, which the sandbox seeds.
 */
export function sandboxRoutesConfig(): RoutesConfig {
  const config = yaml.parse(
    fs.readFileSync(path.join(REPO_ROOT, 'app-config.yaml'), 'utf8'),
  );
  const dev = (
    config.runtime.environments as Array<{
      name: string;
      routes?: RoutesConfig;
    }>
  ).find(e => e.name === 'dev');
  if (!dev?.routes) {
    throw new Error("app-config.yaml's dev environment has no routes");
  }
  return dev.routes;
}
