import type { CommandEntry } from './types.js';

/**
 * Subcommands by name. Anything else on the command line is a file to lint.
 * Each is imported when called: the transforms behind them stay out of a lint run's start-up.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'model',
    summary: 'Print the document model of each file (--json for all of it)',
    load: async () => (await import('./model.js')).modelCommand,
  },
  {
    name: 'table',
    summary: 'Convert between tables and flowcharts; merge and split tables',
    load: async () => (await import('./table.js')).tableCommand,
  },
  { name: 'merge', summary: 'Merge flowcharts of a document into one', load: async () => (await import('./merge.js')).mergeCommand },
  {
    name: 'split',
    summary: 'Split a flowchart by subtrees, subgraphs, components or size',
    load: async () => (await import('./split.js')).splitCommand,
  },
  { name: 'extract', summary: "Extract a node's neighbourhood from a flowchart", load: async () => (await import('./extract.js')).extractCommand },
];
