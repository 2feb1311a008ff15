import { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubernetesKind,
  KubernetesObject,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ClaimedObjectContext, writeClaimedObject } from '../claimedObject';

/** One object of a workflow, in the order it is written. */
export interface WorkflowObjectWrite {
  kind: KubernetesKind<KubernetesObject>;
  object: KubernetesObject;
  /**
   * `claimed`: written over the live object of the same claim (`writeClaimedObject`); `shared`: only
   * created when missing (the namespace's EventBus, which no workflow owns).
   */
  mode: 'claimed' | 'shared';
}

/**
 * Writes a workflow's objects in order (on a dry run the API server only validates them). When one
 * fails, the objects this call created are deleted again, newest first, so a failed run leaves no
 * half-made workflow and the whole write can run again; an object that existed before is left as
 * it is. Resolves the `Kind namespace/name` of each object and whether it was `created` or
 * `applied` (`kept` for a shared object that existed).
 */
export async function writeWorkflowObjects(
  writes: WorkflowObjectWrite[],
  context: ClaimedObjectContext & { dryRun?: boolean; logger: LoggerService },
): Promise<Record<string, 'created' | 'applied' | 'kept'>> {
  const { kubernetes, signal, dryRun, logger } = context;
  const created: WorkflowObjectWrite[] = [];
  const results: Record<string, 'created' | 'applied' | 'kept'> = {};
  try {
    for (const write of writes) {
      const result =
        write.mode === 'claimed'
          ? await writeClaimedObject(write.kind, write.object, context).then(
              written => (written.created ? 'created' : 'applied'),
            )
          : await createShared(write);
      if (result === 'created') created.push(write);
      results[describe(write.object)] = result;
    }
  } catch (error) {
    if (!dryRun) {
      for (const write of created.reverse()) {
        logger.warn(
          `Deleting ${describe(
            write.object,
          )}, created by this run, after the failure: ${error}`,
        );
        const { namespace, name } = write.object.metadata;
        await kubernetes
          .delete(write.kind, namespace, name, { ignoreNotFound: true })
          .catch(cleanupError =>
            logger.error(
              `Could not delete ${describe(
                write.object,
              )} after the failure: ${cleanupError}`,
            ),
          );
      }
    }
    throw error;
  }
  return results;

  async function createShared(
    write: WorkflowObjectWrite,
  ): Promise<'created' | 'kept'> {
    try {
      await kubernetes.create(write.object, { dryRun, signal });
      return 'created';
    } catch (error) {
      // Made meanwhile by someone else: it exists, which is all the workflow needs.
      if (isRuntimeUpstreamError(error, 'AlreadyExists')) return 'kept';
      throw error;
    }
  }
}

function describe(object: KubernetesObject): string {
  return `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`;
}
