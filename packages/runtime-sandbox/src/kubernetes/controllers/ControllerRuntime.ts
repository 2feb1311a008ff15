import { KubeApiError } from '../apiErrors';

/**
 * Runs the simulated controllers' work off the request path, the way real controllers work from a
 * queue: work is keyed (a key queued twice runs once), runs soon after it is queued, and delayed
 * work ("ready after N ms") runs on a timer. `stop()` drops everything, so a closed server leaves
 * no timers behind.
 */
export class ControllerRuntime {
  private readonly pending = new Map<string, () => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private drainScheduled = false;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];
  /** When true, delayed work runs at once (used while seeding a ready Runtime). */
  instant = false;

  constructor(private readonly delayMs: number) {}

  /** Queues `work` under `key`; it runs after the current request has been answered. */
  enqueue(key: string, work: () => void) {
    if (this.stopped) return;
    this.pending.set(key, work);
    if (!this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** Queues `work` under `key` once the simulated start-up delay (`readyAfterMs`) has passed. */
  afterStartupDelay(key: string, work: () => void) {
    if (this.stopped) return;
    if (this.instant || this.delayMs <= 0) {
      this.enqueue(key, work);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueue(key, work);
    }, this.delayMs);
    timer.unref?.();
    this.timers.add(timer);
  }

  /** Resolves when no queued work is left (delayed work still on a timer does not count). */
  idle(): Promise<void> {
    if (this.pending.size === 0 && !this.drainScheduled)
      return Promise.resolve();
    return new Promise(resolve => this.idleWaiters.push(resolve));
  }

  /**
   * Resolves when no work is queued and none waits on a start-up delay timer: the simulated cluster
   * has settled (new Pods have started). Refuses after `timeoutMs` of work that keeps coming.
   */
  async settled(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.idle();
      if (this.timers.size === 0 || this.stopped) return;
      if (Date.now() > deadline) {
        throw new Error(
          `the simulated cluster did not settle within ${timeoutMs} ms`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 10));
    }
  }

  /** Drops queued and delayed work; nothing runs afterwards. */
  stop() {
    this.stopped = true;
    this.pending.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.releaseWaiters();
  }

  private drain() {
    this.drainScheduled = false;
    for (
      let round = 0;
      this.pending.size > 0 && !this.stopped && round < 100;
      round++
    ) {
      const batch = [...this.pending.values()];
      this.pending.clear();
      for (const work of batch) {
        try {
          work();
        } catch (error) {
          // A conflict means another write won; the controller reacts to that write's event.
          if (!(error instanceof KubeApiError)) {
            console.error(
              'runtime-sandbox kubernetes controller failed',
              error,
            );
          }
        }
      }
    }
    if (this.pending.size > 0 && !this.stopped) {
      this.drainScheduled = true;
      setImmediate(() => this.drain());
      return;
    }
    this.releaseWaiters();
  }

  private releaseWaiters() {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach(resolve => resolve());
  }
}
