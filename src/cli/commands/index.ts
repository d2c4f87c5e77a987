import { modelCommand } from './model.js';
import type { Command } from './types.js';

/** Subcommands by name. Anything else on the command line is a file to lint. */
export const COMMANDS: readonly Command[] = [modelCommand];
