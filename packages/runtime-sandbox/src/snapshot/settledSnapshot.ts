import { isDeepStrictEqual } from 'node:util';
import type { Sandbox } from '../startSandbox';
import type { SandboxSnapshot } from './sandboxSnapshot';

/**
 * The sandbox's snapshot once it has stopped changing by itself (the same picture twice, `quietMs`
 * apart): the simulated kubelet starts new Pods after a delay, so a snapshot taken right after a
 * create would differ from a later one without any client's write.
 *
 * @public
 */
export async function settledSnapshot(
  sandbox: Sandbox,
  quietMs = 400,
): Promise<SandboxSnapshot> {
  let last = await sandbox.snapshot();
  for (let i = 0; i < 20; i++) {
    await new Promise(resolve => setTimeout(resolve, quietMs));
    const now = await sandbox.snapshot();
    if (isDeepStrictEqual(now, last)) return now;
    last = now;
  }
  throw new Error('the sandbox never settled');
}
