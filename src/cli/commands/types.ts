import type { CliIO } from '../io.js';

/** A subcommand: `mermaid-lint <name> …`. It parses its own arguments and resolves to the exit code. */
export interface Command {
  run(argv: string[], io: CliIO): Promise<number>;
}

/** A subcommand in the registry: loaded only when it is called, so linting never pays for it. */
export interface CommandEntry {
  name: string;
  /** One line for `mermaid-lint --help`. */
  summary: string;
  load(): Promise<Command>;
}
