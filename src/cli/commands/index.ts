import { extractCommand } from './extract.js';
import { mergeCommand } from './merge.js';
import { modelCommand } from './model.js';
import { splitCommand } from './split.js';
import { tableCommand } from './table.js';
import type { Command } from './types.js';

/** Subcommands by name. Anything else on the command line is a file to lint. */
export const COMMANDS: readonly Command[] = [modelCommand, tableCommand, mergeCommand, splitCommand, extractCommand];
