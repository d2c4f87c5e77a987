#!/usr/bin/env node
/**
 * The `mermaid-lint` executable. Start-up is mostly compiling JavaScript (ours, remark's
 * and, for diagrams it does not parse itself, mermaid's): V8's code cache is kept on disk
 * between runs (Node's compile cache, in the system temporary directory;
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off), so it is enabled before anything else loads.
 */
import module from 'node:module';

module.enableCompileCache?.();
const { start } = await import('./start.js');
start();
