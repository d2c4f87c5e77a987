import { parseArgs } from 'node:util';
import { checkDiagrams } from '../../mermaid/check.js';
import { parseDocument } from '../../model/document.js';
import type { DocumentModel } from '../../model/types.js';
import { formatModelSummary } from '../../report/model-summary.js';
import { readSourceFile, SourceError } from '../../source/read.js';
import { EXIT, usageError, type CliIO } from '../io.js';
import type { Command } from './types.js';

const HELP = `Usage: mermaid-lint model [--json] <file...>

Prints the document model of each file: a short summary, or with --json the
whole model (docs/model.md describes it).
`;

export const modelCommand: Command = {
  async run(argv: string[], io: CliIO): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    } catch (err) {
      return usageError(io, (err as Error).message.split('\n')[0] ?? 'bad arguments', 'model');
    }
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    const files = parsed.positionals;
    if (files.length === 0) return usageError(io, 'needs a file', 'model');
    let code: number = EXIT.ok;
    const models: DocumentModel[] = [];
    for (const file of files) {
      try {
        const model = parseDocument(readSourceFile(file), { path: file });
        await checkDiagrams(model);
        if (parsed.values.json) models.push(model);
        else io.stdout(formatModelSummary(model));
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        io.stderr(`${err.format()}\n`);
        code = EXIT.usage;
      }
    }
    if (parsed.values.json && models.length > 0) io.stdout(`${JSON.stringify(models.length === 1 ? models[0] : models, null, 2)}\n`);
    return code;
  },
};
