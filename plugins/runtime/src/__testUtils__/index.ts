export * from './fixtures';
export * from './renderEntityComponent';
