import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { configFor, findConfigFile, loadConfig, type LoadedConfig } from '../config/load.js';
import { ConfigError } from '../lint/config.js';
import { fix, lint, type LintResult } from '../lint/engine.js';
import { createFormatContext, DEFAULT_FORMAT, FORMATTERS, isFormatName } from '../report/index.js';
import { decodeSource, readSourceFile, SourceError } from '../source/read.js';
import { VERSION } from '../version.js';
import { COMMANDS } from './commands/index.js';
import { findFiles } from './files.js';
import { EXIT, usageError, type CliIO } from './io.js';
import { writeFileAtomic } from './write.js';

export { EXIT, type CliIO } from './io.js';

const help = () => `Usage: mermaid-lint [options] [file|dir|glob ...]
       mermaid-lint <command> [options] …

Lints Markdown files (and .mmd/.mermaid diagrams): Mermaid syntax, and
agreement between the document's tables, lists and diagrams. With no files,
lints every .md, .mdx, .markdown, .mmd and .mermaid file under the current
directory; '-' reads standard input.

Options:
  -f, --format <name>       Output format: stylish (default), compact, json,
                            sarif, github or junit
      --fix                 Apply safe fixes to the files
      --fix-unsafe          Apply safe and unsafe fixes
  -c, --config <file>       Use this configuration file instead of looking for
                            .mermaid-lint.json/.yaml/.yml, mermaid-lint.config.js
                            /.mjs or a "mermaid-lint" key in package.json
      --ignore <glob>       Skip files matching the glob (repeatable)
      --no-gitignore        Also lint files that .gitignore excludes
      --stdin-filename <p>  The path to report for '-'
  -q, --quiet               Report errors only
      --max-warnings <n>    Exit 1 when there are more than n warnings
  -h, --help                Show this help
  -v, --version             Show the version

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(24)}${c.summary}`).join('\n')}

Exit status: 0 no errors, 1 errors found, 2 usage, config or file errors.
`;


const usage = (io: CliIO, message: string): number => usageError(io, message);

export interface RunOptions {
  /** The working directory files, globs and config discovery start from. */
  cwd?: string;
  /** Colour the stylish output (the entry point decides from the terminal, NO_COLOR and FORCE_COLOR). */
  color?: boolean;
}

/** Runs the CLI with arguments (without `node` and the script) and resolves to the exit code. */
export async function run(argv: string[], io: CliIO, options: RunOptions = {}): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const command = COMMANDS.find((c) => c.name === argv[0]);
  if (command) return command.run(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      allowNegative: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        'fix-unsafe': { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        ignore: { type: 'string', multiple: true },
        gitignore: { type: 'boolean', default: true },
        'stdin-filename': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'max-warnings': { type: 'string' },
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
  const format = values.format ?? DEFAULT_FORMAT;
  if (!isFormatName(format)) return usage(io, `unknown format '${format}'; expected one of ${Object.keys(FORMATTERS).join(', ')}`);
  const maxWarnings = values['max-warnings'] === undefined ? -1 : Number(values['max-warnings']);
  if (!Number.isInteger(maxWarnings) || maxWarnings < -1) return usage(io, `--max-warnings takes a whole number, got '${values['max-warnings']}'`);

  const stdin = positionals.includes('-');
  if (stdin && positionals.length > 1) return usage(io, "'-' (standard input) cannot be combined with files");
  if (values['stdin-filename'] !== undefined && !stdin) return usage(io, "--stdin-filename goes with '-'");
  if (stdin && (values.fix || values['fix-unsafe'])) return usage(io, '--fix cannot rewrite standard input');

  let loaded: LoadedConfig;
  try {
    loaded = await loadConfig(values.config ?? findConfigFile(cwd), cwd);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr(`${err.format()}\n`);
      return EXIT.usage;
    }
    throw err;
  }

  let files: string[];
  let ioFailed = false;
  if (stdin) files = ['-'];
  else {
    const list = findFiles({
      cwd,
      patterns: positionals,
      gitignore: values.gitignore !== false,
      ignores: [...loaded.ignores, ...(values.ignore ?? []).map((g) => relativeGlob(loaded.baseDir, cwd, g))],
      ignoreBase: loaded.baseDir,
    });
    for (const p of list.problems) io.stderr(`${p.format()}\n`);
    ioFailed = list.problems.length > 0;
    files = list.files;
  }

  const level = values['fix-unsafe'] ? 'unsafe' : values.fix ? 'safe' : null;
  const results: LintResult[] = [];
  const sources = new Map<string, string>();
  for (const file of files) {
    const path = file === '-' ? (values['stdin-filename'] ?? '<stdin>') : file;
    let source: string;
    try {
      source = file === '-' ? decodeSource(readFileSync(0), path) : readSourceFile(resolveIn(cwd, file));
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      io.stderr(`${err.format()}\n`);
      ioFailed = true;
      continue;
    }
    try {
      const options = { path, config: configFor(loaded, resolveIn(cwd, path)), ...(loaded.path ? { configSource: loaded.path } : {}) };
      if (level) {
        const r = await fix(source, { ...options, level });
        if (r.output !== source) writeFileAtomic(resolveIn(cwd, file), r.output);
        results.push(r);
        // Positions refer to the fixed text.
        sources.set(path, r.output);
      } else {
        results.push(await lint(source, options));
        sources.set(path, source);
      }
    } catch (err) {
      if (err instanceof ConfigError) {
        io.stderr(`${err.format()}\n`);
        return EXIT.usage;
      }
      throw err;
    }
  }
  const shown = values.quiet ? results.map(onlyErrors) : results;
  io.stdout(FORMATTERS[format](shown, createFormatContext({ cwd, color: options.color ?? false, sources })));
  if (ioFailed) return EXIT.usage;
  if (results.some((r) => r.errorCount > 0)) return EXIT.problems;
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  return maxWarnings >= 0 && warnings > maxWarnings ? EXIT.problems : EXIT.ok;
}

const resolveIn = (cwd: string, p: string): string => resolve(cwd, p);

/** A result with its errors only, for `--quiet`. */
function onlyErrors(r: LintResult): LintResult {
  const diagnostics = r.diagnostics.filter((d) => d.severity === 'error');
  return { ...r, diagnostics, warningCount: 0, infoCount: 0, fixableCount: diagnostics.filter((d) => d.fix).length };
}

/** A command-line glob (relative to the working directory) made relative to the configuration's directory. */
function relativeGlob(baseDir: string, cwd: string, glob: string): string {
  const prefix = relative(baseDir, cwd).split(sep).join('/');
  return prefix ? `${prefix}/${glob}` : glob;
}
