/**
 * `mermaid-lint/remark`: mermaid-lint as a remark (unified) plugin, for
 * `remark-cli`, `vscode-remark` and any unified pipeline.
 *
 * ```js
 * import remarkParse from 'remark-parse';
 * import { unified } from 'unified';
 * import remarkMermaidLint from 'mermaid-lint/remark';
 *
 * const file = await unified().use(remarkParse).use(remarkMermaidLint).process({ path: 'docs/a.md', value: text });
 * ```
 *
 * The plugin lints the file's *text*, not the syntax tree it is given: the
 * document model (sections, tables, lists, diagrams with their source maps)
 * is built from the text by mermaid-lint's own parser, so other plugins'
 * changes to the tree are not seen, and the plugin works whatever syntax
 * extensions (GFM, MDX, frontmatter) the pipeline uses. Each finding becomes a
 * vfile message; see docs/integrations.md for the fields.
 */
import { relative, resolve, sep } from 'node:path';
import type { Root } from 'mdast';
import picomatch from 'picomatch';
import type { Plugin, Transformer } from 'unified';
import { configFor, findConfigFile, loadConfig, type LoadedConfig } from './config/load.js';
import { ConfigError } from './lint/config.js';
import { lint } from './lint/engine.js';
import type { Config, Diagnostic, Rule } from './lint/types.js';
import { RULES } from './rules/index.js';
import { decodeSource, SourceError } from './source/read.js';

/** The `source` of every message the plugin adds (vfile's name for the plugin that made a message). */
export const MESSAGE_SOURCE = 'mermaid-lint';

export interface RemarkMermaidLintOptions {
  /**
   * Which settings to lint with:
   * - omitted (or `undefined`): the configuration file the CLI would use,
   *   looked for from the file's `cwd` (`.mermaid-lint.json`, `.yaml`, `.yml`,
   *   `mermaid-lint.config.js`/`.mjs`, or a `"mermaid-lint"` key in
   *   `package.json`, in that directory or the nearest one above); the
   *   defaults when there is none;
   * - a string: the path of a configuration file, relative to the file's `cwd`;
   * - an object: the settings themselves (`rules` and `vocabulary`; `extends`,
   *   `overrides` and `ignores` are relative to a file, so they are only
   *   accepted in configuration files);
   * - `false`: the built-in defaults, without looking for a file.
   */
  config?: Config | string | false | null;
  /** The rules to choose from (custom rules); defaults to every built-in rule. */
  rules?: readonly Rule[];
  /**
   * Where the package's documentation is published (such as
   * `https://github.com/<owner>/mermaid-lint/blob/v1.0.0/`): each message's
   * `url` is the rule's docs path resolved against it. Without it, `url` is
   * the docs path inside the package, such as `docs/rules/label-drift.md`.
   */
  docsBaseUrl?: string;
}

type VFile = Parameters<Transformer<Root>>[1];
type VFileMessage = ReturnType<VFile['message']>;

/** Keys of a configuration object that name files, so mean something only in a configuration file. */
const FILE_ONLY_KEYS = ['extends', 'overrides', 'ignores'] as const;

/** What a file is linted with. */
interface Settings {
  config: Config | undefined;
  configSource: string | null;
}

const toPosix = (p: string): string => p.split(sep).join('/');

/**
 * Lints the file's text with mermaid-lint and adds one message per finding.
 * Errors are fatal messages (`fatal: true`), warnings `fatal: false`, info
 * `fatal: undefined`, as vfile-reporter and remark-lint count them.
 */
export const remarkMermaidLint: Plugin<[(RemarkMermaidLintOptions | null | undefined)?], Root> = function remarkMermaidLint(options) {
  const settings = options ?? {};
  const registry = settings.rules ?? RULES;
  const inline = settings.config;
  // Reported on each file (as a fatal message) rather than thrown here, so that remark-cli and process() report it the same way.
  const fileOnlyKey = inline !== null && typeof inline === 'object' ? FILE_ONLY_KEYS.find((k) => k in inline) : undefined;
  // Configuration files by path, loaded once per processor; discovery results by directory.
  const loaded = new Map<string, Promise<LoadedConfig>>();
  const found = new Map<string, string | null>();
  const docs = new Map(registry.map((r) => [r.meta.id, r.meta.docs]));
  const load = (path: string, cwd: string): Promise<LoadedConfig> => {
    const abs = resolve(cwd, path);
    let p = loaded.get(abs);
    if (!p) {
      p = loadConfig(abs, cwd, registry);
      loaded.set(abs, p);
    }
    return p;
  };

  /** The settings for a file, or null when the configuration file ignores it. */
  const settingsFor = async (file: VFile, abs: string | undefined): Promise<Settings | null> => {
    if (fileOnlyKey) throw new ConfigError(fileOnlyKey, "is relative to a configuration file; give the file's path as `config` instead of an object", 'mermaid-lint/remark options');
    if (inline === false || inline === null) return { config: undefined, configSource: null };
    if (typeof inline === 'object') return { config: inline, configSource: null };
    let path: string | null;
    if (typeof inline === 'string') path = inline;
    else {
      if (!found.has(file.cwd)) found.set(file.cwd, findConfigFile(file.cwd));
      path = found.get(file.cwd) ?? null;
    }
    if (path === null) return { config: undefined, configSource: null };
    const cfg = await load(path, file.cwd);
    if (abs === undefined) return { config: cfg.base, configSource: cfg.path };
    // As the CLI does: the configuration's `ignores` skip the file, `overrides` apply to it.
    if (cfg.ignores.length > 0 && picomatch(cfg.ignores, { dot: true })(toPosix(relative(cfg.baseDir, abs)))) return null;
    return { config: configFor(cfg, abs), configSource: cfg.path };
  };

  return async function transformer(_tree, file) {
    const abs = file.path ? resolve(file.cwd, file.path) : undefined;
    let use: Settings | null;
    try {
      use = await settingsFor(file, abs);
    } catch (err) {
      if (err instanceof ConfigError) fail(file, err.format(), err, 'config');
      throw err;
    }
    if (use === null) return;
    let text: string;
    try {
      // A file without a value (`new VFile()`) reads as empty, as `String(file)` does.
      const value: unknown = file.value;
      text = typeof value === 'string' ? value : value instanceof Uint8Array ? decodeSource(value, file.path ?? '<input>') : '';
    } catch (err) {
      if (err instanceof SourceError) fail(file, err.message, err, 'source', { line: err.line, column: err.column });
      throw err;
    }
    let diagnostics: Diagnostic[];
    try {
      ({ diagnostics } = await lint(text, {
        ...(abs !== undefined ? { path: abs } : {}),
        ...(use.config !== undefined ? { config: use.config } : {}),
        ...(use.configSource !== null ? { configSource: use.configSource } : {}),
        rules: registry,
      }));
    } catch (err) {
      if (err instanceof ConfigError) fail(file, err.format(), err, 'config');
      throw err;
    }
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    for (const d of diagnostics) toMessage(file, d, body, docUrl(docs.get(d.ruleId), settings.docsBaseUrl));
  };
};

export default remarkMermaidLint;

/** Adds a fatal message and throws it (unified-engine reports it on the file; `process()` rejects with it). */
function fail(file: VFile, reason: string, cause: Error, ruleId: string, place?: { line: number; column: number }): never {
  return file.fail(reason, { cause, ruleId, source: MESSAGE_SOURCE, ...(place ? { place } : {}) });
}

/** The rule's documentation address: its docs path, resolved against `base` when there is one. */
function docUrl(docs: string | undefined, base: string | undefined): string | undefined {
  if (docs === undefined) return undefined;
  if (base === undefined || /^[a-z][a-z0-9+.-]*:/i.test(docs)) return docs;
  return new URL(docs, base).href;
}

/** The vfile message of one finding. `text` is the file's text after a BOM (fix offsets count from there). */
function toMessage(file: VFile, d: Diagnostic, text: string, url: string | undefined): VFileMessage {
  const message = file.message(d.message, { place: d.position, ruleId: d.ruleId, source: MESSAGE_SOURCE });
  message.fatal = d.severity === 'error' ? true : d.severity === 'warning' ? false : undefined;
  if (url !== undefined) message.url = url;
  const edits = d.fix?.edits ?? [];
  if (edits.length === 1 && edits[0]) {
    message.actual = text.slice(edits[0].start, edits[0].end);
    message.expected = [edits[0].text];
  }
  const notes = d.related.map((r) => `${r.message} (${r.position.start.line}:${r.position.start.column})`);
  if (d.fix) notes.push(`Fixable: run \`mermaid-lint ${d.fix.kind === 'safe' ? '--fix' : '--fix-unsafe'}\`.`);
  if (notes.length > 0) message.note = notes.join('\n');
  return message;
}
