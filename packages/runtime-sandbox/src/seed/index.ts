export * from './types';
export { loadSeed, DEFAULT_SEED_FILE, EMPTY_SEED } from './loadSeed';
