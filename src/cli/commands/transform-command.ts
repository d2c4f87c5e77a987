/**
 * What the transform commands (merge, split, extract) share: argument
 * parsing with the output options, one-line errors, reading the document and
 * writing the result.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDocument } from '../../model/document.js';
import type { DocumentModel } from '../../model/types.js';
import { readSourceFile, SourceError } from '../../source/read.js';
import { TransformError } from '../../transform/graph-utils.js';
import type { OutputFormat } from '../../transform/select.js';
import { EXIT, type CliIO } from '../io.js';
import { writeFileAtomic } from '../write.js';

/** A one-line error of a transform command: exit 2. */
export class CommandError extends Error {}

export const OUTPUT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs a transform command body, turning every expected failure into one line on stderr and exit 2. */
export async function runTransform(name: string, io: CliIO, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof SourceError) {
      io.stderr(`${err.format()}\n`);
      return EXIT.usage;
    }
    if (err instanceof CommandError || err instanceof TransformError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`mermaid-lint ${name}: ${(err as Error).message.split('\n')[0]}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

export function loadDocument(file: string | undefined, name: string): DocumentModel {
  if (file === undefined) throw new CommandError(`needs a file (see mermaid-lint ${name} --help)`);
  return parseDocument(readSourceFile(file), { path: file });
}

export function outputFormat(value: string | undefined): OutputFormat {
  const f = value ?? 'mermaid';
  if (f !== 'mermaid' && f !== 'markdown' && f !== 'json') throw new CommandError(`unknown format \`${f}\` (mermaid, markdown or json)`);
  return f;
}

/** Writes the result to `--out` (atomically) or stdout. */
export function emit(io: CliIO, text: string, out: string | undefined): void {
  if (out === undefined) io.stdout(text);
  else writeFileAtomic(out, text);
}

type TransformArgsConfig<O> = { args: string[]; allowPositionals: true; strict: true; options: typeof OUTPUT_OPTIONS & O };
type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a transform command's arguments: its own options plus `--format`,
 * `--out` and `--help`, at most one file. Null when the help was printed.
 */
export function transformArgs<const O extends Options>(
  argv: string[],
  io: CliIO,
  help: string,
  options: O,
): { values: ReturnType<typeof parseArgs<TransformArgsConfig<O>>>['values']; file: string | undefined; format: OutputFormat } | null {
  const config = { args: argv, allowPositionals: true, strict: true, options: { ...OUTPUT_OPTIONS, ...options } } as TransformArgsConfig<O>;
  const { values, positionals } = parseArgs(config);
  const common = values as { help?: boolean; format?: string };
  if (common.help) {
    io.stdout(help);
    return null;
  }
  if (positionals.length > 1) throw new CommandError(`one file at a time (got ${positionals.length})`);
  return { values, file: positionals[0], format: outputFormat(common.format) };
}
