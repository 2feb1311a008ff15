import { GrpcCode, TemporalApiError } from './grpcStatus';
import { NamespaceRegistration } from './NamespaceStore';
import { parseProtoDuration } from './protoDuration';

/**
 * The fields of `RegisterNamespaceRequest` (temporalio/api `workflowservice/v1/request_response.proto`)
 * by JSON name; protojson also accepts the proto (snake_case) names.
 */
const FIELDS: Record<string, string> = {
  namespace: 'namespace',
  description: 'description',
  ownerEmail: 'ownerEmail',
  owner_email: 'ownerEmail',
  workflowExecutionRetentionPeriod: 'workflowExecutionRetentionPeriod',
  workflow_execution_retention_period: 'workflowExecutionRetentionPeriod',
  clusters: 'clusters',
  activeClusterName: 'activeClusterName',
  active_cluster_name: 'activeClusterName',
  data: 'data',
  securityToken: 'securityToken',
  security_token: 'securityToken',
  isGlobalNamespace: 'isGlobalNamespace',
  is_global_namespace: 'isGlobalNamespace',
  historyArchivalState: 'historyArchivalState',
  history_archival_state: 'historyArchivalState',
  historyArchivalUri: 'historyArchivalUri',
  history_archival_uri: 'historyArchivalUri',
  visibilityArchivalState: 'visibilityArchivalState',
  visibility_archival_state: 'visibilityArchivalState',
  visibilityArchivalUri: 'visibilityArchivalUri',
  visibility_archival_uri: 'visibilityArchivalUri',
};

/**
 * Reads a RegisterNamespace JSON body as Temporal's protojson decoder does: unknown fields and values
 * of the wrong type are an `INVALID_ARGUMENT` error.
 */
export function readRegisterNamespaceRequest(
  body: unknown,
): NamespaceRegistration {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('proto: syntax error: unexpected token, expected {');
  }
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const field = FIELDS[name];
    if (!field) throw invalid(`proto: unknown field "${name}"`);
    fields[field] = value;
  }

  const text = (field: string): string | undefined => {
    const value = fields[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string')
      throw invalid(
        `proto: invalid value for string field ${field}: ${JSON.stringify(
          value,
        )}`,
      );
    return value;
  };

  const data = fields.data;
  if (data !== undefined && data !== null) {
    const valid =
      typeof data === 'object' &&
      !Array.isArray(data) &&
      Object.values(data).every(v => typeof v === 'string');
    if (!valid)
      throw invalid('proto: invalid value for map<string, string> field data');
  }

  const retention = fields.workflowExecutionRetentionPeriod;
  let retentionSeconds: number | undefined;
  if (retention !== undefined && retention !== null) {
    retentionSeconds = parseProtoDuration(retention);
    if (retentionSeconds === undefined) {
      throw invalid(
        `proto: invalid google.protobuf.Duration value ${JSON.stringify(
          retention,
        )}`,
      );
    }
  }

  const isGlobal = fields.isGlobalNamespace;
  if (
    isGlobal !== undefined &&
    isGlobal !== null &&
    typeof isGlobal !== 'boolean'
  ) {
    throw invalid(
      `proto: invalid value for bool field isGlobalNamespace: ${JSON.stringify(
        isGlobal,
      )}`,
    );
  }

  return {
    name: text('namespace') ?? '',
    description: text('description'),
    ownerEmail: text('ownerEmail'),
    data: (data ?? undefined) as Record<string, string> | undefined,
    retentionSeconds,
    isGlobalNamespace: isGlobal === true,
  };
}

function invalid(message: string): TemporalApiError {
  return new TemporalApiError(GrpcCode.INVALID_ARGUMENT, message);
}
