import { badRequest } from './apiError';
import { PolicyStore } from './policyStore';
import { LogicalResponse, Route, listResponse } from './route';

/** `sys/policies/acl` and `sys/namespaces` of the system backend. */
export const sysRoutes: Route[] = [
  {
    pattern: /^sys\/policies\/acl\/?$/,
    operations: {
      list: ({ namespace }) =>
        listResponse([
          ...namespace.policies.names(),
          ...(namespace.path === '' ? ['root'] : []),
        ]),
    },
  },
  {
    // No existence check (OpenBao's `policies/acl/(?P<name>.+)` path has none): every write is an
    // `update`, of a new policy as of an existing one.
    pattern: /^sys\/policies\/acl\/(.+)$/,
    operations: {
      read: ({ namespace, params }) => {
        const data = namespace.policies.read(params[0]);
        return data && { data };
      },
      update: context =>
        writePolicy(
          context.namespace.policies,
          context.params[0],
          context.body,
        ),
      delete: ({ namespace, params }) => {
        namespace.policies.delete(params[0]);
        return undefined;
      },
    },
  },
  {
    pattern: /^sys\/namespaces\/?$/,
    operations: {
      list: ({ state, namespace }) =>
        listResponse(state.childNamespaces(namespace.path)),
    },
  },
  {
    pattern: /^sys\/namespaces\/([A-Za-z0-9_.-]+)\/?$/,
    exists: ({ state, namespace, params }) =>
      state.namespace(`${namespace.path}${params[0]}/`) !== undefined,
    operations: {
      read: ({ state, namespace, params }) => {
        const found = state.namespace(`${namespace.path}${params[0]}/`);
        return found && { data: namespaceData(found) };
      },
      create: ({ state, namespace, params, body }) => {
        const metadata = (body.custom_metadata ?? {}) as Record<string, string>;
        const created = state.createNamespace(
          `${namespace.path}${params[0]}/`,
          metadata,
        );
        return { data: namespaceData(created) };
      },
      update: ({ state, namespace, params }) => ({
        data: namespaceData(state.namespace(`${namespace.path}${params[0]}/`)!),
      }),
    },
  },
];

/**
 * Writes a policy as `handlePoliciesSet` does (vault/logical_system.go): nothing to say (204), or a
 * warning (200) when the name was lower-cased.
 */
function writePolicy(
  policies: PolicyStore,
  name: string,
  body: Record<string, unknown>,
): LogicalResponse | undefined {
  if (typeof body.policy !== 'string' && body.policy !== undefined) {
    throw badRequest(
      `error converting input ${JSON.stringify(
        body.policy,
      )} for field "policy"`,
    );
  }
  let raw = (body.policy as string | undefined) ?? '';
  // OpenBao accepts a base64-encoded policy body as well.
  if (/^[A-Za-z0-9+/]+=*$/.test(raw) && raw.length % 4 === 0) {
    raw = Buffer.from(raw, 'base64').toString('utf8');
  }
  policies.write(name, raw);
  const lower = name.toLowerCase();
  return lower === name
    ? undefined
    : { data: null, warnings: [`policy name was converted to ${lower}`] };
}

function namespaceData(ns: {
  id: string;
  path: string;
  customMetadata: Record<string, string>;
}) {
  return {
    id: ns.id,
    path: ns.path,
    custom_metadata: ns.customMetadata,
    tainted: false,
    locked: false,
  };
}
