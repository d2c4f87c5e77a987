/**
 * Worker thread entry (built to `dist/worker.js`) for `--concurrency`. Like the CLI's
 * entry, it turns on Node's on-disk compile cache before loading the linter.
 */
import module from 'node:module';

module.enableCompileCache?.();
await import('./worker-loop.js');
