import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSIONS } from '../src/cli/files.js';
import { FORMATTERS } from '../src/report/index.js';
import { ROOT } from './helpers/paths.js';

interface Input {
  description: string;
  required?: boolean;
  default?: string;
}
interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, Input>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}
interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  require_serial?: boolean;
}

const actionText = readFileSync(join(ROOT, 'action.yml'), 'utf8');
const action = yaml.load(actionText) as Action;
const hooks = yaml.load(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

/** Every string of a parsed YAML document (comments are not in it). */
const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value !== null && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
/** Every `${{ … }}` expression in the action's values, trimmed. */
const expressions = (): string[] => strings(action).flatMap((text) => [...text.matchAll(/\$\{\{\s*([\s\S]*?)\s*\}\}/g)].map((m) => m[1] as string));
const lintStep = (): Step => {
  const step = action.runs.steps.find((s) => s.id === 'lint');
  if (!step?.run || !step.env) throw new Error('action.yml has no `lint` step with `run` and `env`');
  return step;
};

describe('action.yml', () => {
  it('is a composite action with a name, a description and described inputs and outputs', () => {
    expect(action.name).toBe('mermaid-lint');
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.runs.using).toBe('composite');
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(input.description, name).toBeTruthy();
      // Composite actions get inputs as strings; a default keeps every input optional.
      expect(typeof input.default, name).toBe('string');
    }
    expect(Object.keys(action.inputs).sort()).toEqual(['config', 'files', 'format', 'max-warnings', 'node-version', 'sarif', 'sarif-file', 'version']);
    expect(action.inputs['format']?.default).toBe('github');
    expect(action.inputs['sarif']?.default).toBe('false');
    expect(action.inputs['node-version']?.default).toBe('22');
    for (const output of Object.values(action.outputs)) expect(output.description).toBeTruthy();
  });

  it('gives every run step a shell, and uses setup-node@v4 and upload-sarif@v3', () => {
    for (const step of action.runs.steps) {
      expect(step.name, JSON.stringify(step)).toBeTruthy();
      expect(Boolean(step.run) !== Boolean(step.uses), `${step.name}: run or uses`).toBe(true);
      if (step.run) expect(step.shell, step.name).toBe('bash');
    }
    const uses = action.runs.steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses).toEqual(['actions/setup-node@v4', 'github/codeql-action/upload-sarif@v3']);
    const setup = action.runs.steps.find((s) => s.uses === 'actions/setup-node@v4');
    expect(setup?.with?.['node-version']).toBe('${{ inputs.node-version }}');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    expect(upload?.if).toContain("inputs.sarif == 'true'");
    expect(upload?.with?.['sarif_file']).toBe('${{ steps.lint.outputs.sarif-file }}');
  });

  it('refers only to declared inputs and existing steps, and uses every input', () => {
    const used = new Set<string>();
    const stepIds = new Set(action.runs.steps.flatMap((s) => (s.id ? [s.id] : [])));
    for (const expr of expressions()) {
      for (const m of expr.matchAll(/\binputs\.([A-Za-z0-9_-]+)/g)) {
        expect(action.inputs, `\${{ ${expr} }} names an undeclared input`).toHaveProperty([m[1] as string]);
        used.add(m[1] as string);
      }
      for (const m of expr.matchAll(/\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        expect(stepIds.has(m[1] as string), `\${{ ${expr} }} names an unknown step`).toBe(true);
        // The lint step writes its outputs to $GITHUB_OUTPUT.
        expect(lintStep().run).toContain(`echo "${m[2]}=`);
      }
      expect(expr, 'only inputs, steps and github.action_path').toMatch(/^(?:[^.]*\b(?:inputs|steps)\.|github\.action_path$)/);
    }
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('never expands an expression inside a script (inputs arrive through env)', () => {
    for (const step of action.runs.steps) if (step.run) expect(step.run, step.name).not.toContain('${{');
  });

  it('offers the formats the CLI has', () => {
    const description = action.inputs['format']?.description ?? '';
    for (const name of Object.keys(FORMATTERS)) expect(description).toContain(name);
  });
});

/*
 * The lint step's script, run as GitHub runs a `shell: bash` step, with `npx` replaced
 * by a stub that checks and logs its arguments, then runs the built CLI with them. The
 * CLI's own argument parser thus checks the command line the action builds.
 */
describe('action.yml lint step', () => {
  const work = mkdtempSync(join(tmpdir(), 'ml-action-'));
  const bin = join(work, 'bin');
  mkdirSync(bin);
  const npxLog = join(work, 'npx.log');
  writeFileSync(
    join(bin, 'npx'),
    [
      '#!/usr/bin/env bash',
      'printf "%s\\n" "$@" >> "$NPX_LOG"',
      'printf "%s\\n" "@@end@@" >> "$NPX_LOG"',
      '[ "$1" = "--yes" ] || { echo "npx stub: expected --yes first" >&2; exit 99; }',
      'shift 2',
      'exec "$STUB_NODE" "$STUB_CLI" "$@"',
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'npx'), 0o755);
  const script = join(work, 'lint.sh');
  writeFileSync(script, lintStep().run ?? '');

  let runs = 0;
  /** Runs the step in `cwd` with the given inputs (others at their defaults). */
  const runStep = (cwd: string, inputs: Record<string, string> = {}) => {
    const unknown = Object.keys(inputs).filter((k) => !(k in action.inputs));
    if (unknown.length) throw new Error(`not inputs: ${unknown.join(', ')}`);
    const values = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default ?? '']));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(lintStep().env ?? {})) {
      env[key] = value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
        if (expr === 'github.action_path') return ROOT;
        const m = /^inputs\.([A-Za-z0-9_-]+)$/.exec(expr);
        if (!m) throw new Error(`cannot evaluate \${{ ${expr} }}`);
        return values[m[1] as string] as string;
      });
    }
    const output = join(work, `output-${++runs}`);
    writeFileSync(output, '');
    writeFileSync(npxLog, '');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        ...env,
        NO_COLOR: '1',
        PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}`,
        GITHUB_OUTPUT: output,
        NPX_LOG: npxLog,
        STUB_NODE: process.execPath,
        STUB_CLI: join(ROOT, 'dist', 'cli.js'),
      },
    });
    const outputs = Object.fromEntries(
      readFileSync(output, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    // One array of arguments per npx call.
    const calls = readFileSync(npxLog, 'utf8').split('@@end@@\n').filter(Boolean).map((c) => c.split('\n').filter((x) => x !== ''));
    return { ...r, outputs, calls };
  };

  const project = (name: string): string => {
    const dir = join(work, name);
    mkdirSync(join(dir, 'docs'), { recursive: true });
    writeFileSync(join(dir, 'docs', 'bad.md'), '# Bad\n\n```mermaid\ngraph TD\n  A --> B %% note\n```\n');
    writeFileSync(join(dir, 'docs', 'good.md'), '# Good\n\n```mermaid\ngraph TD\n  A --> B\n```\n');
    writeFileSync(join(dir, 'notes.md'), '# Notes\n\nNothing to see.\n');
    return dir;
  };

  it('runs the release named by the action package.json, with annotations, and reports the exit status', () => {
    const dir = project('defaults');
    const r = runStep(dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls).toEqual([['--yes', `mermaid-lint@${pkg.version}`, '--format', 'github', '--']]);
    expect(r.stdout).toMatch(/^::error file=docs\/bad\.md,line=5,col=11,endLine=5,endColumn=12,title=diagram-syntax::/m);
    expect(r.outputs).toEqual({ 'exit-code': '1', 'sarif-file': '' });
  });

  it('passes files, config and max-warnings, leaving globs to the CLI', () => {
    const dir = project('options');
    writeFileSync(join(dir, 'lint.json'), JSON.stringify({ rules: { 'diagram-syntax': 'warning' } }));
    const r = runStep(dir, { files: 'docs/*.md\n  notes.md', config: 'lint.json', 'max-warnings': '0', format: 'compact' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls[0]).toEqual(['--yes', `mermaid-lint@${pkg.version}`, '--format', 'compact', '--config', 'lint.json', '--max-warnings', '0', '--', 'docs/*.md', 'notes.md']);
    expect(r.stdout).toContain('docs/bad.md:5:11  warning');
    expect(r.stderr).not.toMatch(/Usage|unknown|expected/i);
    // One warning is more than --max-warnings 0.
    expect(r.outputs['exit-code']).toBe('1');
    const clean = runStep(dir, { files: 'docs/good.md notes.md', config: 'lint.json', 'max-warnings': '0' });
    expect(clean.outputs['exit-code']).toBe('0');
    expect(clean.stdout).toBe('');
  });

  it('writes a SARIF log to upload when sarif is on', () => {
    const dir = project('sarif');
    const r = runStep(dir, { sarif: 'true', 'sarif-file': 'out/results.sarif', files: 'docs' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls.map((c) => c.slice(2, 4))).toEqual([
      ['--format', 'github'],
      ['--format', 'sarif'],
    ]);
    const file = join(dir, 'out', 'results.sarif');
    expect(r.outputs).toEqual({ 'exit-code': '1', 'sarif-file': file });
    const log = JSON.parse(readFileSync(file, 'utf8')) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results.map((x) => [x.ruleId, x.locations[0]?.physicalLocation.artifactLocation.uri])).toEqual([['diagram-syntax', 'docs/bad.md']]);
  });

  it('writes no SARIF file when the CLI cannot lint (exit 2), and still reports the status', () => {
    const dir = project('broken-config');
    const r = runStep(dir, { sarif: 'true', config: 'missing.json' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.outputs).toEqual({ 'exit-code': '2', 'sarif-file': '' });
    expect(existsSync(join(dir, 'mermaid-lint.sarif'))).toBe(false);
    expect(r.stdout).toContain('::warning title=mermaid-lint::no SARIF log');
  });

  it('runs a given version, or a package spec as given', () => {
    const dir = project('versions');
    expect(runStep(dir, { version: '1.2.3', files: 'notes.md' }).calls[0]?.[1]).toBe('mermaid-lint@1.2.3');
    expect(runStep(dir, { version: 'github:OWNER/mermaid-lint#main', files: 'notes.md' }).calls[0]?.[1]).toBe('github:OWNER/mermaid-lint#main');
  });

  it('fails the job after the upload, with the lint exit status', () => {
    const steps = action.runs.steps;
    const last = steps[steps.length - 1];
    expect(steps.findIndex((s) => s.uses?.includes('upload-sarif'))).toBe(steps.length - 2);
    expect(last?.if).toBe("${{ steps.lint.outputs.exit-code != '0' }}");
    expect(last?.run).toContain('exit "$EXIT_CODE"');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', last?.run ?? ''], { env: { ...process.env, EXIT_CODE: '1' }, encoding: 'utf8' });
    expect(r.status).toBe(1);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('declares the mermaid-lint hooks for the package binary', () => {
    expect(hooks.map((h) => h.id)).toEqual(['mermaid-lint', 'mermaid-lint-fix']);
    for (const h of hooks) {
      expect(h.language).toBe('node');
      expect(h.name).toBeTruthy();
      expect(Object.keys(pkg.bin)).toContain(h.entry.split(' ')[0]);
      expect(h.require_serial).toBe(false);
    }
    expect(hooks[0]?.entry).toBe('mermaid-lint');
    expect(hooks[1]?.entry).toBe('mermaid-lint --fix');
  });

  it('matches the files the CLI lints in a directory, and nothing else', () => {
    for (const h of hooks) {
      // pre-commit applies `files` with Python's re.search; this pattern means the same in JavaScript.
      const re = new RegExp(h.files);
      for (const ext of DEFAULT_EXTENSIONS) expect(re.test(`docs/guide.${ext}`), ext).toBe(true);
      for (const name of ['README.md', 'a/b/c.mdx', 'x.markdown', 'flow.mmd', 'flow.mermaid', 'docs/v1.2/notes.md']) expect(re.test(name), name).toBe(true);
      for (const name of ['README.md.bak', 'notes.txt', 'md', 'docs/amd', 'x.mdown', 'flow.mmdx', 'README.MD']) expect(re.test(name), name).toBe(false);
    }
  });
});

describe('docs/integrations.md', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'integrations.md'), 'utf8');
  const blocks = (lang: string): string[] => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] as string);

  it('has workflow snippets that give the action only its inputs', () => {
    const workflows = blocks('yaml').map((b) => yaml.load(b) as Record<string, unknown>).filter((y) => 'jobs' in y);
    expect(workflows.length).toBe(2);
    let sarif = 0;
    for (const wf of workflows) {
      const jobs = Object.values(wf['jobs'] as Record<string, { steps: Step[] }>);
      const ours = jobs.flatMap((j) => j.steps).filter((s) => s.uses?.startsWith('OWNER/mermaid-lint@'));
      expect(ours).toHaveLength(1);
      for (const key of Object.keys(ours[0]?.with ?? {})) expect(action.inputs).toHaveProperty([key]);
      if (ours[0]?.with?.['sarif'] === 'true') {
        sarif++;
        expect((wf['permissions'] as Record<string, string>)['security-events']).toBe('write');
      }
    }
    expect(sarif).toBe(1);
  });

  it('has a pre-commit snippet naming a declared hook', () => {
    const configs = blocks('yaml').map((b) => yaml.load(b) as Record<string, unknown>).filter((y) => 'repos' in y);
    expect(configs).toHaveLength(1);
    const repos = configs[0]?.['repos'] as { hooks: { id: string }[] }[];
    for (const h of repos[0]?.hooks ?? []) expect(hooks.map((x) => x.id)).toContain(h.id);
  });

  it('documents every action input', () => {
    for (const name of Object.keys(action.inputs)) expect(doc).toContain(`| \`${name}\` |`);
  });

  it('imports the plugin from the package export', () => {
    const remarkrc = blocks('js').find((b) => b.includes('.remarkrc.mjs'));
    expect(remarkrc).toContain("from 'mermaid-lint/remark'");
    const exportsMap = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports;
    expect(exportsMap).toHaveProperty(['./remark']);
  });
});
