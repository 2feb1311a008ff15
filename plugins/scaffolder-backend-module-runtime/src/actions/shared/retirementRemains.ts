import { RuntimeActionRun } from './run';
import {
  NothingLeft,
  Remains,
  RetirementInput,
  RetirementRun,
} from './retirementAction';

/**
 * Remains listed before anything goes (`lines`, one each, in the order `remove` removes them):
 * nothing left when there are none (`<subject> does not exist in <environment>`); a dry run logs the
 * list, a run removes them all with `remove`, then logs the list.
 */
export function listedRemains(
  retirement: RetirementRun<RetirementInput>,
  lines: string[],
  remove: () => Promise<void>,
  options: Pick<Remains, 'refusal' | 'changes'> = {},
): Remains | NothingLeft {
  const { run, subject, input } = retirement;
  if (lines.length === 0) {
    return { nothingLeft: `${subject} does not exist in ${input.environment}` };
  }
  return {
    ...options,
    async preview() {
      run.logger.info(
        `Dry run: would remove ${lines.join(', ')}; nothing was removed`,
      );
      return lines;
    },
    async remove() {
      await remove();
      run.logger.info(`Removed ${lines.join(', ')}`);
      return lines;
    },
  };
}

/** One object a delete removes by itself (such as a Kubernetes object, its claim checked). */
export interface ObjectRemoval {
  /** How the outputs and the log name it, e.g. `ApisixRoute team-search/web`. */
  line: string;
  /** The key of the checkpoint it is removed in. */
  key: string;
  /** Deletes it (`dryRun`: has the upstream validate that); resolves whether it went (would go). */
  remove(dryRun: boolean): Promise<boolean>;
}

/**
 * Remains removed object by object, in order: a dry run has the API server validate each delete and
 * reports those it accepted; a run deletes each in its own checkpoint and logs whether it went
 * (`notRemoved`: what the log says of one that did not).
 */
export function objectRemains(
  run: RuntimeActionRun,
  removals: ObjectRemoval[],
  notRemoved = 'was already gone',
): Remains {
  return {
    async preview() {
      const wouldRemove: string[] = [];
      for (const removal of removals) {
        if (await removal.remove(true)) wouldRemove.push(removal.line);
      }
      run.logger.info(
        `Dry run: the API server accepted deleting ${wouldRemove.join(
          ', ',
        )}; nothing was removed`,
      );
      return wouldRemove;
    },
    async remove() {
      const removed: string[] = [];
      for (const removal of removals) {
        const deleted = await run.checkpoint({
          key: removal.key,
          fn: () => removal.remove(false),
        });
        run.logger.info(
          deleted ? `Deleted ${removal.line}` : `${removal.line} ${notRemoved}`,
        );
        if (deleted) removed.push(removal.line);
      }
      return removed;
    },
  };
}
