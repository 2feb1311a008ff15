import fs from 'node:fs';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { parse } from 'yaml';
import { DEPLOY_DIR } from './deployManifests';
import { REPO_ROOT } from './sourceCalls';

/**
 * The configuration files the Deployment's container loads, in order (its `--config` args): the
 * image's own, from the repository root, and the ConfigMap's, from `deploy/`.
 */
function readConfigFiles(args: string[]): Array<Record<string, any>> {
  return args
    .filter((_, i) => args[i - 1] === '--config')
    .map(file =>
      file.startsWith('/config/')
        ? path.join(DEPLOY_DIR, path.basename(file))
        : path.join(REPO_ROOT, file),
    )
    .map(file => parse(fs.readFileSync(file, 'utf8')) ?? {});
}

/**
 * Backstage's merge of config files: later files win; objects merge key by key, anything else
 * (arrays included) is replaced whole.
 */
function mergeConfigs(
  configs: Array<Record<string, any>>,
): Record<string, any> {
  const merge = (base: any, over: any): any => {
    if (
      base &&
      over &&
      typeof base === 'object' &&
      typeof over === 'object' &&
      !Array.isArray(base) &&
      !Array.isArray(over)
    ) {
      const merged: Record<string, any> = { ...base };
      for (const [key, value] of Object.entries(over)) {
        merged[key] = key in base ? merge(base[key], value) : value;
      }
      return merged;
    }
    return over;
  };
  return configs.reduce(merge, {});
}

/** The `${VAR}` names a config still refers to. */
export function configVariables(value: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(/(?<!\$)\$\{(\w+)\}/g)) found.add(m[1]);
    } else if (v && typeof v === 'object') {
      Object.values(v).forEach(visit);
    }
  };
  visit(value);
  return found;
}

/** Substitutes `${VAR}` from `env`, as Backstage does at load time. */
function substitute(value: unknown, env: Record<string, string>): any {
  if (typeof value === 'string') {
    return value.replace(/(?<!\$)\$\{(\w+)\}/g, (_m, name: string) => {
      if (!(name in env)) throw new Error(`\${${name}} is not set`);
      return env[name];
    });
  }
  if (Array.isArray(value)) return value.map(v => substitute(v, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substitute(v, env)]),
    );
  }
  return value;
}

/**
 * The configuration the Deployment's container runs with: its config files merged, with its
 * environment substituted (literal values, and `from-secret-<key>` for each Secret reference).
 */
export function deployedConfig(container: {
  args: string[];
  env: Array<{ name: string; value?: string; valueFrom?: any }>;
}) {
  const env: Record<string, string> = Object.fromEntries(
    container.env.map(e => [
      e.name,
      e.value ?? `from-secret-${e.valueFrom.secretKeyRef.key}`,
    ]),
  );
  const merged = mergeConfigs(readConfigFiles(container.args));
  return { env, merged, config: new ConfigReader(substitute(merged, env)) };
}
