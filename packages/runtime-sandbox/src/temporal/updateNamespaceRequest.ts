import { GrpcCode, TemporalApiError } from './grpcStatus';
import { NamespaceState, NamespaceUpdate } from './NamespaceStore';
import { parseProtoDuration } from './protoDuration';

/** `temporal.api.enums.v1.NamespaceState` by JSON name and number. */
const STATES: Record<string, NamespaceState | undefined> = {
  NAMESPACE_STATE_UNSPECIFIED: undefined,
  NAMESPACE_STATE_REGISTERED: 'NAMESPACE_STATE_REGISTERED',
  NAMESPACE_STATE_DEPRECATED: 'NAMESPACE_STATE_DEPRECATED',
  NAMESPACE_STATE_DELETED: 'NAMESPACE_STATE_DELETED',
  0: undefined,
  1: 'NAMESPACE_STATE_REGISTERED',
  2: 'NAMESPACE_STATE_DEPRECATED',
  3: 'NAMESPACE_STATE_DELETED',
};

/** `UpdateNamespaceRequest`'s fields (temporalio/api `workflowservice/v1/request_response.proto`). */
const FIELDS = new Set([
  'namespace',
  'updateInfo',
  'update_info',
  'config',
  'replicationConfig',
  'replication_config',
  'securityToken',
  'security_token',
  'deleteBadBinary',
  'delete_bad_binary',
  'promoteNamespace',
  'promote_namespace',
]);
/** `UpdateNamespaceInfo`'s fields (`namespace/v1/message.proto`). */
const INFO_FIELDS: Record<
  string,
  keyof Omit<NamespaceUpdate, 'retentionSeconds'>
> = {
  description: 'description',
  ownerEmail: 'ownerEmail',
  owner_email: 'ownerEmail',
  data: 'data',
  state: 'state',
};

/**
 * Reads an UpdateNamespace JSON body as Temporal's protojson decoder does (unknown fields and wrong
 * types are `INVALID_ARGUMENT`). The sandbox changes `updateInfo` and `config`'s retention only: a
 * body that also sets `replicationConfig`, `deleteBadBinary`, `promoteNamespace` or another `config`
 * field is `UNIMPLEMENTED`.
 */
export function readUpdateNamespaceRequest(body: unknown): NamespaceUpdate {
  const object = requireObject(body);
  for (const [name, value] of Object.entries(object)) {
    if (!FIELDS.has(name)) throw invalid(`proto: unknown field "${name}"`);
    const unsupported = ![
      'namespace',
      'updateInfo',
      'update_info',
      'config',
      'securityToken',
      'security_token',
    ].includes(name);
    if (unsupported && value !== null && value !== false && value !== '') {
      throw new TemporalApiError(
        GrpcCode.UNIMPLEMENTED,
        `the sandbox's UpdateNamespace changes updateInfo only, not ${name}`,
      );
    }
  }
  const update: NamespaceUpdate = readConfig(object.config);
  const info = object.updateInfo ?? object.update_info;
  if (info === undefined || info === null) return update;
  for (const [name, value] of Object.entries(requireObject(info))) {
    const field = INFO_FIELDS[name];
    if (!field) throw invalid(`proto: unknown field "${name}"`);
    if (value === null) continue;
    if (field === 'state') {
      if (!(String(value) in STATES)) {
        throw invalid(
          `proto: invalid value for enum field state: ${JSON.stringify(value)}`,
        );
      }
      update.state = STATES[String(value)];
    } else if (field === 'data') {
      const valid =
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.values(value).every(v => typeof v === 'string');
      if (!valid) {
        throw invalid(
          'proto: invalid value for map<string, string> field data',
        );
      }
      update.data = value as Record<string, string>;
    } else if (typeof value !== 'string') {
      throw invalid(
        `proto: invalid value for string field ${name}: ${JSON.stringify(
          value,
        )}`,
      );
    } else {
      update[field as 'description' | 'ownerEmail'] = value;
    }
  }
  return update;
}

/** `NamespaceConfig` fields (`namespace/v1/message.proto`), by JSON name. */
const CONFIG_FIELDS = new Set([
  'workflowExecutionRetentionTtl',
  'workflow_execution_retention_ttl',
  'badBinaries',
  'bad_binaries',
  'historyArchivalState',
  'history_archival_state',
  'historyArchivalUri',
  'history_archival_uri',
  'visibilityArchivalState',
  'visibility_archival_state',
  'visibilityArchivalUri',
  'visibility_archival_uri',
  'customSearchAttributeAliases',
  'custom_search_attribute_aliases',
]);

/**
 * An UpdateNamespace `config`: the sandbox changes its retention only; any other field set is
 * `UNIMPLEMENTED`.
 */
function readConfig(config: unknown): NamespaceUpdate {
  if (config === undefined || config === null) return {};
  const update: NamespaceUpdate = {};
  for (const [name, value] of Object.entries(requireObject(config))) {
    if (!CONFIG_FIELDS.has(name))
      throw invalid(`proto: unknown field "${name}"`);
    if (value === null) continue;
    if (!name.startsWith('workflow')) {
      throw new TemporalApiError(
        GrpcCode.UNIMPLEMENTED,
        `the sandbox's UpdateNamespace changes config.workflowExecutionRetentionTtl only, not ${name}`,
      );
    }
    const seconds = parseProtoDuration(value);
    if (seconds === undefined) {
      throw invalid(
        `proto: invalid google.protobuf.Duration value ${JSON.stringify(
          value,
        )}`,
      );
    }
    update.retentionSeconds = seconds;
  }
  return update;
}

function requireObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('proto: syntax error: unexpected token, expected {');
  }
  return value as Record<string, unknown>;
}

function invalid(message: string) {
  return new TemporalApiError(GrpcCode.INVALID_ARGUMENT, message);
}
