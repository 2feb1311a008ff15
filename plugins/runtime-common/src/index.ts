/**
 * Runtime Portal common library: the platform model, label and annotation keys, and permissions shared
 * by the frontend and backend packages.
 *
 * @packageDocumentation
 */

export * from './labels';
export * from './expiresAt';
export * from './permissions';
export * from './platformModel';
export * from './resourceEntities';
export * from './discoveryAnnotations';
export * from './reports';
export * from './communityAnnotations';
