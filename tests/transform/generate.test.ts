import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fix } from '../../src/lint/engine.js';
import type { Config } from '../../src/lint/types.js';
import { printFlowchart } from '../../src/mermaid/flowchart/index.js';
import { parseDocument } from '../../src/model/document.js';
import { toFlowGraph } from '../../src/model/flowchart.js';
import { RULES } from '../../src/rules/index.js';
import {
  checkGeneratedBlock,
  contentHash,
  generate,
  GenerateError,
  generatedBlocks,
  normalizeBlockText,
  parseGenerateArgs,
  regenerateBlocks,
  type GenerateSpec,
} from '../../src/transform/generate.js';
import { merge } from '../../src/transform/merge.js';
import { SEED } from '../helpers/paths.js';

const errorOf = (f: () => unknown): GenerateError => {
  try {
    f();
  } catch (e) {
    if (e instanceof GenerateError) return e;
    throw e;
  }
  throw new Error('no error thrown');
};

describe('parseGenerateArgs', () => {
  it('reads the generator and key=value pairs, bare or quoted', () => {
    const spec = parseGenerateArgs(' split of="How They Fit Together" at=B part=2 group="J, K;C" group=G ');
    expect(spec.generator).toBe('split');
    expect(spec.args.map((a) => [a.key, a.value])).toEqual([
      ['of', 'How They Fit Together'],
      ['at', 'B'],
      ['part', '2'],
      ['group', 'J, K;C'],
      ['group', 'G'],
    ]);
    expect(spec.hash).toBeNull();
    expect(spec.reason).toBeNull();
  });

  it('keeps token offsets, so hash= can be written in place', () => {
    const text = ' extract of="A b" node=X hash=0123abcd ';
    const spec = parseGenerateArgs(text);
    const [of, node, hash] = spec.args;
    expect(text.slice(of!.start, of!.end)).toBe('of="A b"');
    expect(text.slice(node!.start, node!.end)).toBe('node=X');
    expect(text.slice(hash!.start, hash!.end)).toBe('hash=0123abcd');
    expect(spec.hash).toBe('0123abcd');
    expect(text.slice(0, spec.end)).toBe(' extract of="A b" node=X hash=0123abcd');
  });

  it('unescapes \\" and \\\\ and any escaped character in quoted values', () => {
    const spec = parseGenerateArgs(String.raw`extract of="Say \"hi\"" node="a\\b --\> c"`);
    expect(spec.args.map((a) => a.value)).toEqual(['Say "hi"', 'a\\b --> c']);
  });

  it('stops at a bare --: the rest is a reason', () => {
    const spec = parseGenerateArgs('extract of=1 node="A -- B" -- kept for the slides');
    expect(spec.args.map((a) => a.value)).toEqual(['1', 'A -- B']);
    expect(spec.reason).toBe('kept for the slides');
  });

  it.each([
    ['', null, /names no generator/],
    ['of=1', 'of', /names no generator/],
    ['shuffle of=1', null, /unknown generator `shuffle` \(split, extract, merge, table, diagram\)/],
    ['split of=1 grup=A', 'grup', /unknown key `grup` for split/],
    ['split of=1 of=2', 'of', /`of` is given twice/],
    ['extract of=1 node', 'node', /expected key="value", found `node`/],
    ['extract of= node=A', 'of', /`of` has no value/],
    ['extract of="A node=B', 'of', /the value of `of` has no closing `"`/],
    ['extract of="A"node=B', 'of', /leave a blank between arguments/],
    ['extract of=A"B node=C', 'of', /stray `"`/],
    ['extract of=1 node=A hash=xyz', 'hash', /hash=xyz is not a hash this tool writes/],
  ])('%j is refused, naming the key', (text, key, message) => {
    const e = errorOf(() => parseGenerateArgs(text));
    expect(e.key).toBe(key);
    expect(e.message).toMatch(message);
  });

  it('merge may repeat of; group and detach repeat everywhere', () => {
    expect(parseGenerateArgs('merge of=2 of="3-4"').args).toHaveLength(2);
    expect(errorOf(() => parseGenerateArgs('extract of=1 of=2')).key).toBe('of');
  });
});

describe('contentHash and normalizeBlockText', () => {
  it('ignore line endings, trailing blanks and trailing empty lines', () => {
    expect(normalizeBlockText('a  \r\nb\t\n\n\n')).toEqual(['a', 'b']);
    expect(contentHash('a\nb')).toBe(contentHash('a  \r\nb\n\n'));
    expect(contentHash('a\nb')).not.toBe(contentHash('a\n b'));
    expect(contentHash('')).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('generate', () => {
  const seed = parseDocument(readFileSync(SEED, 'utf8'), { path: SEED });
  const gen = (args: string): string => generate(seed, parseGenerateArgs(args)).text;

  it('split: one part, chosen by part=, printed canonically; of names a heading, a number or `diagram N`', () => {
    const text = gen('split of="How They Fit Together" at="Master MLOps Fundamentals" part=4');
    expect(text.split('\n').slice(0, 4)).toEqual(['flowchart TB', '    A[Learn Machine Learning Life Cycle]', '    B[Master MLOps Fundamentals]', '    F[Model Deployment]']);
    expect(gen('split of=1 at=B part=4')).toBe(text);
    expect(gen('split of="diagram 1" at=B part=4 keyword=graph indent=2')).toBe(text.replace('flowchart TB', 'graph TB').replace(/^ {4}/gm, '  '));
  });

  it('split: group and detach lists keep commas that belong to labels', () => {
    const text = gen('split of=1 at=B group="Python for MLOps,Linux, Git, Cloud, Networking" detach="Python for MLOps" context=none part=1');
    expect(text).toBe(['flowchart TB', '    A[Learn Machine Learning Life Cycle]', '    B[Master MLOps Fundamentals]', '    J[Python for MLOps]', '    K[Linux, Git, Cloud, Networking]', '    A --> B', '    B --> J', '    B --> K'].join('\n'));
  });

  it('split: bad options name their key', () => {
    expect(errorOf(() => gen('split of=1 at=B')).key).toBe('part');
    expect(errorOf(() => gen('split of=1 at=B part=99')).message).toMatch(/part=99, but split gives 9 parts/);
    expect(errorOf(() => gen('split of=1 at=B part=0')).key).toBe('part');
    expect(errorOf(() => gen('split of=1 by=tree')).message).toMatch(/by=tree is not one of children, subgraph, component, size/);
    expect(errorOf(() => gen('split of=1 at=Nope part=1')).message).toMatch(/^split: no node `Nope`/);
    expect(errorOf(() => gen('split of=1 max-nodes=1')).key).toBe('max-nodes');
  });

  it('extract', () => {
    expect(gen('extract of=1 node=Docker direction=up')).toBe(['flowchart TB', '    A[Learn Machine Learning Life Cycle]', '    B[Master MLOps Fundamentals]', '    F[Model Deployment]', '    F1[Docker]', '    A --> B', '    B --> F', '    F --> F1'].join('\n'));
    expect(gen('extract of=1 node=F depth=0')).toBe('flowchart TB\n    F[Model Deployment]');
    expect(gen('extract of=1 node=F depth=all')).toBe(gen('extract of=1 node=F'));
    expect(errorOf(() => gen('extract of=1 node=F depth=-1')).key).toBe('depth');
    expect(errorOf(() => gen('extract of=1 node=F direction=sideways')).key).toBe('direction');
  });

  it('merge: of may name several diagrams, and repeat', () => {
    const graphs = seed.diagrams.map((d) => toFlowGraph(d.flowchart!));
    const expected = printFlowchart(merge(graphs.slice(1, 5)).graph).replace(/\n$/, '');
    expect(gen('merge of="2-5"')).toBe(expected);
    expect(gen('merge of="diagrams 2-3" of="MLOps Core Practices" of=5')).toBe(expected);
    const preferred = printFlowchart(merge(graphs.slice(0, 5), { policy: { prefer: 0 }, unifyBy: 'label+similar' }).graph).replace(/\n$/, '');
    expect(gen('merge of=1-5 policy=prefer:1 by=similar')).toBe(preferred);
    expect(errorOf(() => gen('merge of=2-5 policy=prefer:1')).message).toMatch(/diagram 1 is not one of the merged diagrams \(2, 3, 4, 5\)/);
    expect(errorOf(() => gen('merge by=id')).key).toBe('of');
  });

  it('table: a diagram as a Parent | Child table', () => {
    const text = gen('table of="Machine Learning Life Cycle & Fundamentals" columns="From, To"');
    expect(text).toBe(
      [
        '| From                        | To                            |',
        '| --------------------------- | ----------------------------- |',
        '| Machine Learning Life Cycle | MLOps Fundamentals            |',
        '| MLOps Fundamentals          | Python for MLOps              |',
        '| MLOps Fundamentals          | Linux, Git, Cloud, Networking |',
      ].join('\n'),
    );
    expect(errorOf(() => gen('table of=2 columns=Only')).key).toBe('columns');
    expect(errorOf(() => gen('table of=2 layout=per-parent')).key).toBe('layout');
  });

  it('diagram: a table drawn as a flowchart', () => {
    const model = parseDocument(['# Steps', '', '| Parent | Child |', '| --- | --- |', '| Plan | Build |', '| Build | Test |', ''].join('\n'));
    const g = (args: string) => generate(model, parseGenerateArgs(args));
    const expected = ['flowchart LR', '    Plan[Plan]', '    Build[Build]', '    Test[Test]', '    Plan --> Build', '    Build --> Test'].join('\n');
    expect(g('diagram of="table 1" direction=LR').text).toBe(expected);
    expect(g('diagram of=Steps direction=LR').text).toBe(expected);
    expect(errorOf(() => g('diagram of="table 2"')).message).toMatch(/no table 2: the document has 1 table/);
    expect(errorOf(() => g('diagram of="Nothing"')).message).toMatch(/not a table number \(1 to 1\) or a heading/);
  });

  it('a generator never reads the block it writes, and skips other generated blocks under a heading', () => {
    const text = [
      '## Overview',
      '',
      '```mermaid',
      'flowchart TB',
      '    A --> B',
      '```',
      '',
      '<!-- mermaid-lint generate: extract of=Overview node=B -->',
      '```mermaid',
      '```',
      '',
      '<!-- mermaid-lint generate: extract of="diagram 2" node=B -->',
      '```mermaid',
      '```',
      '',
    ].join('\n');
    const model = parseDocument(text);
    const sites = generatedBlocks(model, text);
    expect(sites.map((s) => (s.target?.kind === 'diagram' ? s.target.diagram.index : null))).toEqual([1, 2]);
    const check = checkGeneratedBlock(model, text, sites[0]!, sites);
    expect(check?.generated.sources.map((s) => (s.kind === 'diagram' ? s.diagram.index : -1))).toEqual([0]);
    const self = errorOf(() => generate(model, parseGenerateArgs('extract of="diagram 2" node=B'), sites[0]!.target, sites));
    expect(self.message).toMatch(/names only the generated block itself/);
    // the second block is generated from the first: regenerating converges in two passes
    const out = regenerateBlocks(text, (t) => parseDocument(t));
    const after = parseDocument(out);
    expect(after.diagrams.map((d) => d.source)).toEqual(['flowchart TB\n    A --> B', 'flowchart TB\n    B', 'flowchart TB\n    B']);
    expect(regenerateBlocks(out, (t) => parseDocument(t))).toBe(out);
  });
});

describe('regenerateBlocks and fix agree', () => {
  it('on a chain of generated blocks, both converge to the same text', async () => {
    const text = [
      '# Chain',
      '',
      '```mermaid',
      'flowchart LR',
      '    A[One] --> B[Two]',
      '    B --> C[Three]',
      '    C --> D[Four]',
      '```',
      '',
      '<!-- mermaid-lint generate: extract of="diagram 1" node=Two -->',
      '```mermaid',
      'flowchart LR',
      '```',
      '',
      '<!-- mermaid-lint generate: extract of="diagram 2" node=Three -->',
      '```mermaid',
      '```',
      '',
      '<!-- mermaid-lint generate: table of="diagram 3" -->',
      '| Parent | Child |',
      '| --- | --- |',
      '',
    ].join('\n');
    const config: Config = { rules: Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.id === 'generated-block' ? 'warning' : 'off'])) };
    const fixed = await fix(text, { config });
    expect(fixed.diagnostics.filter((d) => d.ruleId === 'generated-block')).toEqual([]);
    expect(regenerateBlocks(text, (t) => parseDocument(t))).toBe(fixed.output);
    expect(fixed.output).toContain('| Three  | Four  |');
  });

  it('a spec can be built and run directly', () => {
    const model = parseDocument('```mermaid\nflowchart TB\n  X --> Y\n```\n');
    const spec: GenerateSpec = parseGenerateArgs('extract of=1 node=Y');
    expect(generate(model, spec).text).toBe('flowchart TB\n    Y');
  });
});
