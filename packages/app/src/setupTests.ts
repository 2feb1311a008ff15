import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// `findBy…` and `waitFor` wait up to 5 s (not 1 s): a page that renders lazily on a busy CI machine
// still passes, and a page that never shows what is asked for still fails.
configure({ asyncUtilTimeout: 5000 });
