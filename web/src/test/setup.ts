import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// The suites share two cores with the C++ build and the browser tests: give findBy* and
// waitFor room on a busy machine (they still return as soon as the element is there).
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});
