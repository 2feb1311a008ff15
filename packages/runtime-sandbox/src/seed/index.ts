export * from './types';
export { loadSeed, DEFAULT_SEED_FILE, EMPTY_SEED } from './loadSeed';
export {
  applySeedDrift,
  loadSeedDrift,
  loadProdSeed,
  PROD_DRIFT_FILE,
} from './seedDrift';
export type {
  SeedDrift,
  SeedComponentDrift,
  SeedServiceSelection,
} from './seedDrift';
