import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// `findBy…` and `waitFor` wait up to 15 s (not 1 s): a page that renders lazily on a busy CI machine
// still passes (5 s once ran out under a full jest run on 2 cores), and a page that never shows what
// is asked for still fails. Each test may run 30 s (the root package.json's jest.testTimeout), so a
// slow render never outlives its test.
configure({ asyncUtilTimeout: 15000 });
