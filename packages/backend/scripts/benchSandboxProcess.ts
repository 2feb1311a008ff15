/*
 * The sandbox in a process of its own, for the benchmarks: a load generator sharing a process with the
 * sandbox would stall whenever a stand-in computes, and count that as backend latency. Prints one JSON
 * line ({ urls, credentials }) once it listens; stops on SIGTERM.
 */
import { startSandbox } from '@runtime-portal/runtime-sandbox';

startSandbox({ ports: 'free' }).then(sandbox => {
  process.stdout.write(
    `${JSON.stringify({
      urls: sandbox.urls,
      credentials: sandbox.credentials,
    })}\n`,
  );
  process.on('SIGTERM', () => sandbox.close().then(() => process.exit(0)));
});
