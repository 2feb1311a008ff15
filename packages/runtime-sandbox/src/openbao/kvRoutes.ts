import { badRequest } from './apiError';
import { KvV2Store } from './kvV2Store';
import { LogicalResponse, Route, RouteContext, listResponse } from './route';

/** The mount path of the sandbox's KV version 2 engine. */
export const KV_MOUNT = 'secret';

/** `secret/data/<path>` and `secret/metadata/<path>` of a KV version 2 mount. */
export const kvRoutes: Route[] = [
  {
    pattern: new RegExp(`^${KV_MOUNT}/data/(.*)$`),
    exists: ({ namespace, params }) => namespace.kv.exists(params[0]),
    operations: {
      read: ({ namespace, params, query }) => {
        const version = Number(query.get('version') ?? 0);
        const data = namespace.kv.read(
          params[0],
          Number.isInteger(version) ? version : 0,
        );
        return data && { data };
      },
      create: context =>
        writeData(context.namespace.kv, context.params[0], context.body),
      update: context =>
        writeData(context.namespace.kv, context.params[0], context.body),
    },
  },
  {
    // `subkeys/<path>`: the keys of a version with every value null (OpenBao's
    // builtin/logical/kv path_subkeys.go; `depth` 1 stops at the top level, which is all a
    // secret of string values has). A deleted or destroyed version is not found.
    pattern: new RegExp(`^${KV_MOUNT}/subkeys/(.*)$`),
    operations: {
      read: ({ namespace, params, query }) => {
        const version = Number(query.get('version') ?? 0);
        const found = namespace.kv.read(
          params[0],
          Number.isInteger(version) ? version : 0,
        ) as
          | {
              data: Record<string, unknown> | null;
              metadata: Record<string, unknown>;
            }
          | undefined;
        if (
          !found ||
          found.metadata.deletion_time ||
          found.metadata.destroyed
        ) {
          return undefined;
        }
        const subkeys = Object.fromEntries(
          Object.keys(found.data ?? {}).map(key => [key, null]),
        );
        return { data: { subkeys, metadata: found.metadata } };
      },
    },
  },
  {
    pattern: new RegExp(`^${KV_MOUNT}/metadata/(.*)$`),
    exists: ({ namespace, params }) => namespace.kv.exists(params[0]),
    operations: {
      read: ({ namespace, params }) => {
        const data = namespace.kv.readMetadata(params[0]);
        return data && { data };
      },
      list: ({ namespace, params }) =>
        listResponse(namespace.kv.list(params[0])),
      create: context => writeMetadata(context),
      update: context => writeMetadata(context),
      delete: ({ namespace, params }) => {
        namespace.kv.deleteMetadata(params[0]);
        return undefined;
      },
    },
  },
];

function writeData(
  kv: KvV2Store,
  key: string,
  body: Record<string, unknown>,
): LogicalResponse {
  const data = body.data;
  if (data === undefined || data === null) throw badRequest('no data provided');
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw badRequest(
      `error converting input ${JSON.stringify(data)} for field "data"`,
    );
  }
  const options = body.options as Record<string, unknown> | undefined;
  return {
    data: { ...kv.write(key, data as Record<string, unknown>, options?.cas) },
  };
}

function writeMetadata({ namespace, params, body }: RouteContext): undefined {
  const key = params[0];
  const raw = body.custom_metadata;
  let customMetadata: Record<string, string> | undefined;
  if (raw !== undefined && raw !== null) {
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      throw badRequest(
        `error converting input ${JSON.stringify(
          raw,
        )} for field "custom_metadata"`,
      );
    }
    customMetadata = Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, v === null ? '' : String(v)]),
    );
  }
  const maxVersions =
    body.max_versions === undefined ? undefined : Number(body.max_versions);
  if (
    maxVersions !== undefined &&
    (!Number.isInteger(maxVersions) || maxVersions < 0)
  ) {
    throw badRequest(
      `error converting input ${JSON.stringify(
        body.max_versions,
      )} for field "max_versions"`,
    );
  }
  if (
    customMetadata === undefined &&
    maxVersions === undefined &&
    body.cas_required === undefined &&
    body.delete_version_after === undefined
  ) {
    return undefined;
  }
  let metadataCas: number | undefined;
  if (body.metadata_cas !== undefined && body.metadata_cas !== null) {
    metadataCas = Number(body.metadata_cas);
    if (!Number.isInteger(metadataCas)) {
      throw badRequest(
        `error converting input ${JSON.stringify(
          body.metadata_cas,
        )} for field "metadata_cas"`,
      );
    }
  }
  namespace.kv.writeMetadata(key, {
    customMetadata,
    maxVersions,
    metadataCas,
    casRequired:
      body.cas_required === undefined ? undefined : Boolean(body.cas_required),
  });
  return undefined;
}
