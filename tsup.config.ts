import { defineConfig } from 'tsup';

export default defineConfig({
  // The CLI entry keeps its `#!/usr/bin/env node` line: esbuild preserves a hashbang.
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  // No clean: tests and benches run the build while others may be rebuilding; 'npm run build' starts from an empty dist.
  clean: false,
  target: 'node22',
  platform: 'node',
  splitting: true,
  shims: true,
});
