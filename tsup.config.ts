import { defineConfig } from 'tsup';

export default defineConfig({
  // The CLI entry keeps its `#!/usr/bin/env node` line: esbuild preserves a hashbang.
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node22',
  platform: 'node',
  splitting: true,
  shims: true,
});
