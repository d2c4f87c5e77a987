/** Where the CLI writes; tests pass their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Exit codes, as ESLint and markdownlint use them. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** Prints a usage error the way every command does and returns exit code 2. */
export function usageError(io: CliIO, message: string, command?: string): number {
  io.stderr(`mermaid-lint${command ? ` ${command}` : ''}: ${message}\nTry 'mermaid-lint ${command ? `${command} ` : ''}--help'.\n`);
  return EXIT.usage;
}
