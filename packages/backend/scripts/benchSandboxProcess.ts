/*
 * The sandbox in a process of its own, for the benchmarks: a load generator sharing a process with the
 * sandbox would stall whenever a stand-in computes, and count that as backend latency. Prints one JSON
 * line ({ urls, credentials }) once it listens; stops on SIGTERM.
 *
 * BENCH_SANDBOX_MODELS=N adds N KubeAI Models to the seed, all used by the service named in
 * BENCH_SANDBOX_SERVICE (default support-assistant).
 */
import { loadSeed, startSandbox } from '@runtime-portal/runtime-sandbox';
import { seedWithModels } from './scaledSeed';

const models = Number(process.env.BENCH_SANDBOX_MODELS ?? 0);
const seed =
  models > 0
    ? seedWithModels(
        loadSeed(),
        models,
        process.env.BENCH_SANDBOX_SERVICE ?? 'support-assistant',
      )
    : undefined;

startSandbox({ ports: 'free', ...(seed ? { seed } : {}) }).then(sandbox => {
  process.stdout.write(
    `${JSON.stringify({
      urls: sandbox.urls,
      credentials: sandbox.credentials,
    })}\n`,
  );
  process.on('SIGTERM', () => sandbox.close().then(() => process.exit(0)));
});
