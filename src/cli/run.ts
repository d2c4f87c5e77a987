import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fix, lint, type LintResult } from '../lint/engine.js';
import { ConfigError, validateConfig } from '../lint/config.js';
import type { Config } from '../lint/types.js';
import { formatCompact } from '../report/compact.js';
import { formatJson } from '../report/json.js';
import { RULES } from '../rules/index.js';
import { readSourceFile, SourceError } from '../source/read.js';
import { VERSION } from '../version.js';
import { COMMANDS } from './commands/index.js';
import { EXIT, usageError, type CliIO } from './io.js';
import { writeFileAtomic } from './write.js';

export { EXIT, type CliIO } from './io.js';

const help = () => `Usage: mermaid-lint [options] <file...>
       mermaid-lint <command> [options] …

Lints Markdown files (and .mmd/.mermaid diagrams): Mermaid syntax, and
agreement between the document's tables, lists and diagrams.

Options:
  -f, --format <name>  Output format: compact (default) or json
      --fix            Apply safe fixes to the files
      --fix-unsafe     Apply safe and unsafe fixes
  -c, --config <file>  Read the configuration from a JSON file
  -h, --help           Show this help
  -v, --version        Show the version

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(19)} ${c.summary}`).join('\n')}

Exit status: 0 no errors, 1 errors found, 2 usage, config or file errors.
`;

const FORMATS = new Set(['compact', 'json']);

const usage = (io: CliIO, message: string): number => usageError(io, message);

/** Runs the CLI with arguments (without `node` and the script) and resolves to the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const command = COMMANDS.find((c) => c.name === argv[0]);
  if (command) return command.run(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        'fix-unsafe': { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    return usage(io, (err as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(help());
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) {
    io.stderr(help());
    return EXIT.usage;
  }
  const format = values.format ?? 'compact';
  if (!FORMATS.has(format)) return usage(io, `unknown format '${format}'; expected one of ${[...FORMATS].join(', ')}`);

  let config: Config | undefined;
  if (values.config) {
    try {
      config = loadConfigFile(values.config);
    } catch (err) {
      if (err instanceof SourceError || err instanceof ConfigError) {
        io.stderr(`${err.format()}\n`);
        return EXIT.usage;
      }
      throw err;
    }
  }

  const level = values['fix-unsafe'] ? 'unsafe' : values.fix ? 'safe' : null;
  const results: LintResult[] = [];
  let ioFailed = false;
  for (const file of positionals) {
    let source: string;
    try {
      source = readSourceFile(file);
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      io.stderr(`${err.format()}\n`);
      ioFailed = true;
      continue;
    }
    try {
      const options = { path: file, ...(config ? { config } : {}), ...(values.config ? { configSource: values.config } : {}) };
      if (level) {
        const r = await fix(source, { ...options, level });
        if (r.output !== source) writeFileAtomic(file, r.output);
        results.push(r);
      } else {
        results.push(await lint(source, options));
      }
    } catch (err) {
      if (err instanceof ConfigError) {
        io.stderr(`${err.format()}\n`);
        return EXIT.usage;
      }
      throw err;
    }
  }
  io.stdout(format === 'json' ? formatJson(results) : formatCompact(results));
  if (ioFailed) return EXIT.usage;
  return results.some((r) => r.errorCount > 0) ? EXIT.problems : EXIT.ok;
}

/** Reads and validates a JSON configuration file. */
function loadConfigFile(file: string): Config {
  const text = readSourceFile(file);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SourceError(file, `invalid JSON: ${(err as Error).message}`);
  }
  return validateConfig(raw, RULES, file);
}
