import { defineConfig, type Options } from 'tsup';

const common: Options = {
  sourcemap: true,
  // No clean: tests and benches run the build while others may be rebuilding; 'npm run build' starts from an empty dist.
  clean: false,
  target: 'node22',
  platform: 'node',
  shims: true,
};
// The library entries, with their declarations: `mermaid-lint` and `mermaid-lint/remark`.
const libraries = { index: 'src/index.ts', remark: 'src/remark.ts' };

export default defineConfig([
  {
    ...common,
    // The CLI entry keeps its `#!/usr/bin/env node` line: esbuild preserves a hashbang.
    // `worker` is the CLI's worker-thread entry (`--concurrency`), found beside the CLI's chunks at run time.
    entry: { ...libraries, cli: 'src/cli/main.ts', worker: 'src/cli/worker.ts' },
    format: ['esm'],
    dts: { entry: libraries },
    splitting: true,
  },
  {
    ...common,
    // No splitting for CommonJS: tsup's (experimental) CJS splitting rewrites calls of
    // imports as `f.call(void 0, …)`, which breaks callable objects without
    // Function.prototype such as unified's processor. Each entry is one file.
    entry: libraries,
    format: ['cjs'],
    // ESM-only dependencies imported statically are bundled: `require()` of an ES module
    // gives its namespace, and esbuild's Node-mode interop would take that for the default export.
    // (mermaid, jsdom and @mermaid-js/parser are loaded lazily with `import()`, which works from CommonJS.)
    noExternal: ['unified', /^remark-/, 'github-slugger', 'mdast-util-to-string'],
    dts: { entry: libraries },
    splitting: false,
  },
]);
