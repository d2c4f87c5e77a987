import type { CliIO } from '../io.js';

/** A subcommand: `mermaid-lint <name> …`. It parses its own arguments and resolves to the exit code. */
export interface Command {
  name: string;
  /** One line for `mermaid-lint --help`. */
  summary: string;
  run(argv: string[], io: CliIO): Promise<number>;
}
