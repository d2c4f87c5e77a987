import { parseArgs } from 'node:util';
import { parseDocument } from '../model/document.js';
import type { DocumentModel } from '../model/types.js';
import { readSourceFile, SourceError } from '../source/read.js';
import { formatModelSummary } from '../report/model-summary.js';
import { VERSION } from '../version.js';

/** Where the CLI writes; tests pass their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Exit codes, as ESLint and markdownlint use them. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

const HELP = `Usage: mermaid-lint <command> [options]

Commands:
  model <file...>     Print the document model of each file
                      (a short summary; --json for the whole model)

Options:
  --json              Print JSON instead of a summary
  -h, --help          Show this help
  -v, --version       Show the version
`;

/** Runs the CLI with arguments (without `node` and the script) and returns the exit code. */
export function run(argv: string[], io: CliIO): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    io.stderr(`mermaid-lint: ${(err as Error).message.split('\n')[0]}\nTry 'mermaid-lint --help'.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const [command, ...files] = positionals;
  if (command !== 'model') {
    io.stderr(command ? `mermaid-lint: unknown command '${command}'\nTry 'mermaid-lint --help'.\n` : HELP);
    return EXIT.usage;
  }
  if (files.length === 0) {
    io.stderr(`mermaid-lint: 'model' needs a file\nTry 'mermaid-lint --help'.\n`);
    return EXIT.usage;
  }
  let code: number = EXIT.ok;
  const models: DocumentModel[] = [];
  for (const file of files) {
    try {
      const model = parseDocument(readSourceFile(file), { path: file });
      if (values.json) models.push(model);
      else io.stdout(formatModelSummary(model));
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      io.stderr(`${err.format()}\n`);
      code = EXIT.usage;
    }
  }
  if (values.json && models.length > 0) {
    io.stdout(`${JSON.stringify(models.length === 1 ? models[0] : models, null, 2)}\n`);
  }
  return code;
}
