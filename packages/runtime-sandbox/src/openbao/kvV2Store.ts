import { badRequest } from './apiError';

/** OpenBao keeps this many versions of a key unless the key or the mount says otherwise. */
const DEFAULT_MAX_VERSIONS = 10;

interface StoredVersion {
  data: Record<string, unknown>;
  createdTime: string;
  deletionTime: string;
  destroyed: boolean;
}

interface KeyMetadata {
  versions: Map<number, StoredVersion>;
  currentVersion: number;
  oldestVersion: number;
  createdTime: string;
  updatedTime: string;
  maxVersions: number;
  casRequired: boolean;
  customMetadata: Record<string, string> | null;
  metadataVersion: number;
}

/** The answer to a successful write of `data/<path>`. */
export interface KvWriteResult {
  version: number;
  created_time: string;
  deletion_time: string;
  destroyed: boolean;
  custom_metadata: Record<string, string> | null;
}

/** What a metadata write may change. */
export interface KvMetadataUpdate {
  maxVersions?: number;
  casRequired?: boolean;
  customMetadata?: Record<string, string>;
  /** `metadata_cas`: the metadata version the write expects (`0` for new metadata), if sent. */
  metadataCas?: number;
}

const MAX_CUSTOM_METADATA_KEYS = 64;
const MAX_CUSTOM_METADATA_KEY_LENGTH = 128;
const MAX_CUSTOM_METADATA_VALUE_LENGTH = 512;

/**
 * One KV version 2 mount in memory, with the semantics of OpenBao's `kv` plugin
 * (`builtin/logical/kv`): versions, check-and-set, max_versions trimming, custom metadata and
 * listing with folders that end in `/`.
 */
export class KvV2Store {
  private readonly keys = new Map<string, KeyMetadata>();

  /** Whether metadata exists for the key (OpenBao's existence check: create vs update). */
  exists(key: string): boolean {
    return this.keys.has(key);
  }

  /** Writes a new version; `cas` is the `options.cas` value as sent (any JSON), if sent. */
  write(
    key: string,
    data: Record<string, unknown>,
    cas: unknown,
  ): KvWriteResult {
    if (key === '') throw badRequest('missing path');
    const now = new Date().toISOString();
    const meta = this.keys.get(key) ?? emptyMetadata(now);
    if (cas !== undefined) {
      const casVersion = Number(cas);
      if (!Number.isInteger(casVersion)) {
        throw badRequest('error parsing check-and-set parameter');
      }
      if (casVersion !== meta.currentVersion) {
        throw badRequest(
          'check-and-set parameter did not match the current version',
        );
      }
    } else if (meta.casRequired) {
      throw badRequest('check-and-set parameter required for this call');
    }
    meta.currentVersion++;
    meta.versions.set(meta.currentVersion, {
      data: structuredClone(data),
      createdTime: now,
      deletionTime: '',
      destroyed: false,
    });
    meta.updatedTime = now;
    if (!this.keys.has(key)) meta.createdTime = now;
    this.trimVersions(meta);
    this.keys.set(key, meta);
    return {
      version: meta.currentVersion,
      created_time: now,
      deletion_time: '',
      destroyed: false,
      custom_metadata: meta.customMetadata,
    };
  }

  /** The `data/<path>` read answer, or undefined when there is no such key or version. */
  read(key: string, version?: number): Record<string, unknown> | undefined {
    const meta = this.keys.get(key);
    if (!meta) return undefined;
    const number = version && version > 0 ? version : meta.currentVersion;
    const stored = meta.versions.get(number);
    if (!stored) return undefined;
    return {
      data: structuredClone(stored.data),
      metadata: {
        version: number,
        created_time: stored.createdTime,
        deletion_time: stored.deletionTime,
        destroyed: stored.destroyed,
        custom_metadata: meta.customMetadata,
      },
    };
  }

  /** The `metadata/<path>` read answer, or undefined when the key has no metadata. */
  readMetadata(key: string): Record<string, unknown> | undefined {
    const meta = this.keys.get(key);
    if (!meta) return undefined;
    const versions: Record<string, unknown> = {};
    for (const [number, v] of meta.versions) {
      versions[String(number)] = {
        created_time: v.createdTime,
        deletion_time: v.deletionTime,
        destroyed: v.destroyed,
      };
    }
    return {
      versions,
      current_version: meta.currentVersion,
      current_metadata_version: meta.metadataVersion,
      oldest_version: meta.oldestVersion,
      created_time: meta.createdTime,
      updated_time: meta.updatedTime,
      max_versions: meta.maxVersions,
      cas_required: meta.casRequired,
      metadata_cas_required: false,
      delete_version_after: '0s',
      custom_metadata: meta.customMetadata,
    };
  }

  /**
   * Creates or updates key metadata; custom_metadata, when given, replaces the whole map. With
   * `metadataCas` (OpenBao 2.4+), only if the metadata is at that version (`0`: new metadata; metadata
   * a data write created is at 0 too, as in OpenBao).
   */
  writeMetadata(key: string, update: KvMetadataUpdate): void {
    if (key === '') throw badRequest('missing path');
    if (update.customMetadata) validateCustomMetadata(update.customMetadata);
    const now = new Date().toISOString();
    const existing = this.keys.get(key);
    if (update.metadataCas !== undefined) {
      if (!existing && update.metadataCas !== 0) {
        throw badRequest('metadata_cas must be 0 when creating new metadata');
      }
      if (existing && update.metadataCas !== existing.metadataVersion) {
        throw badRequest(
          'metadata check-and-set parameter does not match the current version',
        );
      }
    }
    const meta = existing ?? emptyMetadata(now);
    meta.metadataVersion++;
    meta.updatedTime = now;
    if (update.maxVersions !== undefined) meta.maxVersions = update.maxVersions;
    if (update.casRequired !== undefined) meta.casRequired = update.casRequired;
    if (update.customMetadata !== undefined) {
      meta.customMetadata = { ...update.customMetadata };
    }
    this.keys.set(key, meta);
  }

  /** Deletes the key with all its versions; true when it existed. */
  deleteMetadata(key: string): boolean {
    return this.keys.delete(key);
  }

  /** Every key with metadata, at any depth, sorted (for snapshots). */
  keyNames(): string[] {
    return [...this.keys.keys()].sort();
  }

  /** The direct children of a folder (`''` is the mount root), folders ending in `/`, sorted. */
  list(folder: string): string[] {
    const prefix =
      folder === '' || folder.endsWith('/') ? folder : `${folder}/`;
    const children = new Set<string>();
    for (const key of this.keys.keys()) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf('/');
      children.add(slash < 0 ? rest : rest.slice(0, slash + 1));
    }
    children.delete('');
    return [...children].sort();
  }

  private trimVersions(meta: KeyMetadata): void {
    const maxVersions =
      meta.maxVersions > 0 ? meta.maxVersions : DEFAULT_MAX_VERSIONS;
    if (meta.currentVersion - meta.oldestVersion < maxVersions) return;
    const deleteUpTo = meta.currentVersion - maxVersions;
    for (let v = meta.oldestVersion; v <= deleteUpTo; v++)
      meta.versions.delete(v);
    meta.oldestVersion = deleteUpTo + 1;
  }
}

function emptyMetadata(now: string): KeyMetadata {
  return {
    versions: new Map(),
    currentVersion: 0,
    oldestVersion: 0,
    createdTime: now,
    updatedTime: now,
    maxVersions: 0,
    casRequired: false,
    customMetadata: null,
    metadataVersion: 0,
  };
}

function validateCustomMetadata(customMetadata: Record<string, string>): void {
  const prefix = 'custom_metadata validation failed';
  const keys = Object.keys(customMetadata);
  if (keys.length > MAX_CUSTOM_METADATA_KEYS) {
    throw badRequest(
      `1 error occurred:\n\t* ${prefix}: payload must contain at most ${MAX_CUSTOM_METADATA_KEYS} keys, provided ${keys.length}\n\n`,
    );
  }
  const problems: string[] = [];
  for (const [key, value] of Object.entries(customMetadata)) {
    if (key.length === 0 || key.length > MAX_CUSTOM_METADATA_KEY_LENGTH) {
      problems.push(
        `${prefix}: length of key "${key}" is ${key.length} but must be 0 < len(key) <= ${MAX_CUSTOM_METADATA_KEY_LENGTH}`,
      );
    }
    if (value.length === 0 || value.length > MAX_CUSTOM_METADATA_VALUE_LENGTH) {
      problems.push(
        `${prefix}: length of value for key "${key}" is ${value.length} but must be 0 < len(value) <= ${MAX_CUSTOM_METADATA_VALUE_LENGTH}`,
      );
    }
  }
  if (problems.length > 0) {
    const count =
      problems.length === 1
        ? '1 error occurred'
        : `${problems.length} errors occurred`;
    throw badRequest(
      `${count}:\n${problems.map(p => `\t* ${p}`).join('\n')}\n\n`,
    );
  }
}
