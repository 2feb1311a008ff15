import { ReactNode } from 'react';

/**
 * The `metadata` of a core-components `StructuredMetadataTable` from labelled rows in display
 * order; rows whose value is undefined or empty are left out.
 */
export function metadataRows(
  rows: Array<[string, ReactNode | undefined]>,
): Record<string, ReactNode> {
  return Object.fromEntries(
    rows.filter(([, value]) => value !== undefined && value !== ''),
  );
}

/** Options of the resource cards' metadata tables: labels are shown as written. */
export const METADATA_TABLE_OPTIONS = { titleFormat: (key: string) => key };
