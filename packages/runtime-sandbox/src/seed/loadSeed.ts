import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { RuntimeSeed } from './types';

/** Where the default seed lives (the sandbox always runs from source). */
// eslint-disable-next-line no-restricted-syntax
export const DEFAULT_SEED_FILE = path.resolve(__dirname, 'runtime-seed.yaml');

/** Reads a seed file (the default one when no path is given). */
export function loadSeed(file: string = DEFAULT_SEED_FILE): RuntimeSeed {
  const seed = yaml.parse(fs.readFileSync(file, 'utf8')) as RuntimeSeed;
  if (!Array.isArray(seed?.components) || !Array.isArray(seed?.teams)) {
    throw new Error(
      `Seed file ${file} must have 'components' and 'teams' lists`,
    );
  }
  return seed;
}

/** An empty Runtime, for tests that build their own state. */
export const EMPTY_SEED: RuntimeSeed = { components: [], teams: [] };
