import { defineConfig } from 'vitest/config';

// Used by the npm scripts (--config): Vitest's defaults, plus the block of reliability figures printed at the end of a run.
export default defineConfig({ test: { globalSetup: ['test/reliability-summary.ts'] } });
