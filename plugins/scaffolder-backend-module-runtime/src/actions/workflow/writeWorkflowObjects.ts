import { LoggerService } from '@backstage/backend-plugin-api';
import {
  KubernetesKind,
  KubernetesObject,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  ClaimedObjectContext,
  coversFields,
  readClaimedObject,
  writeClaimedObject,
} from '../claimedObject';

/** One object of a workflow, in the order it is written. */
export interface WorkflowObjectWrite {
  kind: KubernetesKind<KubernetesObject>;
  object: KubernetesObject;
  /**
   * `claimed`: written over the live object of the same claim (`writeClaimedObject`); `shared`: only
   * created when missing (the namespace's EventBus, which no workflow owns).
   */
  mode: 'claimed' | 'shared';
  /**
   * Runs right after this object is written (not on a dry run), e.g. to check no concurrent run
   * took what it claims; its failure rolls back as a write's does.
   */
  verify?: () => Promise<void>;
}

/**
 * Writes a workflow's objects in order (on a dry run the API server only validates them). When one
 * fails, the objects this call created are deleted again, newest first, so a failed run leaves no
 * half-made workflow and the whole write can run again; an object that existed before is left as
 * it is. A claimed object whose live version already has every field written is not written again
 * (`kept`). Resolves the `Kind namespace/name` of each object and whether it was `created` or
 * `applied` (`kept` for one that needed no write or a shared object that existed).
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
          ? await writeClaimed(write)
          : await createShared(write);
      if (result === 'created') created.push(write);
      results[describe(write.object)] = result;
      if (write.verify && !dryRun) await write.verify();
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

  async function writeClaimed(
    write: WorkflowObjectWrite,
  ): Promise<'created' | 'applied' | 'kept'> {
    const { namespace, name } = write.object.metadata;
    const live = await readClaimedObject(write.kind, namespace!, name, context);
    if (live && coversFields(live, write.object)) return 'kept';
    const written = await writeClaimedObject(write.kind, write.object, context);
    return written.created ? 'created' : 'applied';
  }

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
