import { JsonObject } from '@backstage/types';
import { ActionContext } from '@backstage/plugin-scaffolder-node';

/** Writes each of a run's outputs as a scaffolder step output. */
export function writeOutputs(
  ctx: ActionContext<any, any>,
  outputs: JsonObject,
): void {
  for (const [name, value] of Object.entries(outputs)) {
    ctx.output(name, value);
  }
}
