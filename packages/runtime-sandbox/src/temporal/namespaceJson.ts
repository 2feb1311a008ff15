import { StoredNamespace } from './NamespaceStore';
import { formatProtoDuration } from './protoDuration';

/** The single cluster of the sandbox. */
const CLUSTER_NAME = 'active';

/**
 * A namespace as a `DescribeNamespaceResponse` in Temporal's JSON (camelCase fields, enum names,
 * durations as `"<seconds>s"`, empty and zero fields left out).
 */
export function describeNamespaceJson(namespace: StoredNamespace) {
  return {
    namespaceInfo: {
      name: namespace.name,
      state: namespace.state,
      ...(namespace.description ? { description: namespace.description } : {}),
      ...(namespace.ownerEmail ? { ownerEmail: namespace.ownerEmail } : {}),
      ...(Object.keys(namespace.data).length > 0
        ? { data: namespace.data }
        : {}),
      id: namespace.id,
      capabilities: {
        eagerWorkflowStart: true,
        syncUpdate: true,
        asyncUpdate: true,
      },
      supportsSchedules: true,
    },
    config: {
      workflowExecutionRetentionTtl: formatProtoDuration(
        namespace.retentionSeconds,
      ),
      badBinaries: {},
      historyArchivalState: 'ARCHIVAL_STATE_DISABLED',
      visibilityArchivalState: 'ARCHIVAL_STATE_DISABLED',
    },
    replicationConfig: {
      activeClusterName: CLUSTER_NAME,
      clusters: [{ clusterName: CLUSTER_NAME }],
      state: 'REPLICATION_STATE_NORMAL',
    },
  };
}
