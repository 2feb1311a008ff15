import { startSandbox } from '../src';

// `yarn start` in this package (or the repository's ./scripts/start): the sandbox on its default ports.
startSandbox()
  .then(sandbox => {
    for (const [upstream, url] of Object.entries(sandbox.urls)) {
      console.log(`runtime-sandbox: ${upstream} on ${url}`);
    }
    const stop = () => sandbox.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })
  .catch(error => {
    console.error(`runtime-sandbox: failed to start: ${error.message}`);
    process.exit(1);
  });
