import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fix, lint } from '../../src/lint/engine.js';
import type { Config, Diagnostic } from '../../src/lint/types.js';
import { RULES } from '../../src/rules/index.js';
import { nameTypo } from '../../src/rules/name-typo.js';
import { SEED } from '../helpers/paths.js';
import { ruleTester } from '../helpers/rule-tester.js';

const ID = 'name-typo';
const only: Config = { rules: { ...Object.fromEntries(RULES.map((r) => [r.meta.id, 'off' as const])), [ID]: 'warning' } };
const own = (ds: Diagnostic[]) => ds.filter((d) => d.ruleId === ID);

/** A table declaring `names`, then a flowchart with one node per label. */
const doc = (names: string[], labels: string[]): string =>
  [
    ...(names.length ? ['| Tool | Use |', '| --- | --- |', ...names.map((n) => `| ${n} | x |`), ''] : []),
    '```mermaid',
    'graph LR',
    ...labels.map((l, i) => `    N${i}[${l}]`),
    '```',
    '',
  ].join('\n');

describe('name-typo on the seed fixture', () => {
  const seed = readFileSync(SEED, 'utf8');

  it('reports exactly the two Cubeflow Pipelines labels, with a safe fix to Kubeflow', async () => {
    const found = own((await lint(seed, { config: only })).diagnostics);
    expect(found.map((d) => `${d.position.start.line}:${d.position.start.column}-${d.position.end.column} ${d.message}`)).toEqual([
      '107:14-22 Unexpected `Cubeflow Pipelines`, expected `Kubeflow Pipelines` (declared in the table at line 50)',
      '168:14-22 Unexpected `Cubeflow Pipelines`, expected `Kubeflow Pipelines` (declared in the table at line 50)',
    ]);
    expect(found.map((d) => d.fix)).toEqual([
      { kind: 'safe', edits: [{ start: found[0]!.position.start.offset, end: found[0]!.position.end.offset, text: 'Kubeflow' }] },
      { kind: 'safe', edits: [{ start: found[1]!.position.start.offset, end: found[1]!.position.end.offset, text: 'Kubeflow' }] },
    ]);
  });

  it('fixes both labels and nothing else', async () => {
    const fixed = await fix(seed, { config: only, level: 'safe' });
    expect(fixed.fixed).toBe(2);
    const lines = fixed.output.split('\n');
    expect(lines[106]).toBe('    E --> E1[Kubeflow Pipelines]');
    expect(lines[167]).toBe('    D --> D1[Kubeflow Pipelines]');
    expect(fixed.output.replace(/Kubeflow Pipelines\]/g, 'Cubeflow Pipelines]').replace('| **Cubeflow Pipelines / KFP', '| **Kubeflow Pipelines / KFP')).toBe(
      seed.replace(/Kubeflow Pipelines\]/g, 'Cubeflow Pipelines]'),
    );
    expect(own(fixed.diagnostics)).toEqual([]);
  });
});

ruleTester(nameTypo, {
  valid: [
    {
      name: 'declared names are different things, never typos of each other',
      code: doc(
        ['Flask', 'FastAPI', 'Pulumi', 'Puppet', 'Terraform', 'Terragrunt', 'React', 'Preact', 'Vue', 'Vite', 'npm', 'pnpm', 'Java', 'Jest', 'Docker', 'Dockerfile'],
        ['Flask', 'FastAPI', 'Puppet', 'Terragrunt', 'Preact', 'Vite', 'pnpm', 'Jest', 'Dockerfile'],
      ),
    },
    {
      name: 'undeclared labels that are other real things',
      code: doc(['Flask', 'Pulumi', 'Terraform', 'React', 'Vue', 'npm', 'Java', 'Docker'], ['FastAPI', 'Puppet', 'Terragrunt', 'Preact', 'Vite', 'pnpm', 'Jest', 'Dockerfile']),
    },
    { name: 'a short word one letter off is another word', code: doc(['Git'], ['Got', 'Gif']) },
    { name: 'plurals and other inflections', code: doc(['Airflow', 'Kafka'], ['Airflows', 'Kafkas', 'Airflowed']) },
    { name: 'common English words are not product names', code: doc(['Fiddler', 'Flux', 'Prefect'], ['Fiddle', 'Flow', 'Perfect', 'Sprint', 'Discard']) },
    { name: 'case and spacing differences are name-spelling findings', code: doc(['KServe', 'NumPy'], ['Kserve', 'numpy', 'Num Py']) },
    { name: 'digits tell names apart', code: doc(['K3s'], ['K8s', 'K9s']) },
    { name: 'product names respell English words', code: doc([], ['Carpenter', 'Scaffold', 'Arise', 'Customize']) },
    { name: 'a first letter added is another name', code: doc(['React', 'Redis'], ['Preact', 'Predis']) },
    { name: 'acronyms of four capitals or fewer', code: doc(['SDK', 'ECS'], ['SKD', 'ESC', 'CES']) },
    { name: 'a dictionary name needs a clear slip when the document never writes it', code: doc([], ['Gradana', 'Rect', 'Scanner']) },
    {
      name: 'a declared name next to a dictionary name by a plain edit is its own name',
      code: doc(['Spack', 'Kubelow'], []),
    },
    { name: 'bare node ids are identifiers', code: '```mermaid\ngraph LR\n    Kuberntes --> Gti\n```\n' },
    { name: 'words in paths and URLs', code: doc([], ['/shared/kuberntes/sock', 'https://promethues.io/x', 'grafnaa/otel:1.0']) },
    { name: 'inline code in a list member', code: '- **Deploy:** `Kuberntes`, Docker\n' },
    { name: 'minLength skips short words', code: doc(['Git'], ['Gti']), options: { minLength: 4 } },
    { name: 'ignore names a word', code: doc(['Kubeflow Pipelines'], ['Cubeflow Pipelines']), options: { ignore: ['Cubeflow'] } },
    { name: 'a configured word is known', code: doc(['Kubernetes'], ['Kubernetez']), config: { vocabulary: ['Kubernetez'] } },
    { name: 'a stricter distance ratio', code: doc(['Observability'], ['Obsrvabilty']), options: { maxDistanceRatio: 0.1 } },
  ],
  invalid: [
    {
      name: 'one word of a declared multi-word name',
      code: doc(['Kubeflow Pipelines'], ['Cubeflow Pipelines']),
      errors: [{ line: 7, column: 8, endColumn: 16, message: 'Unexpected `Cubeflow Pipelines`, expected `Kubeflow Pipelines` (declared in the table at line 3)' }],
      output: doc(['Kubeflow Pipelines'], ['Kubeflow Pipelines']),
    },
    {
      name: 'swapped letters in a short declared name',
      code: doc(['Git', 'Terraform'], ['Gti', 'Terrafrom']),
      errors: [
        { line: 8, column: 8, endColumn: 11, message: 'Unexpected `Gti`, expected `Git` (declared in the table at line 3)' },
        { line: 9, column: 8, message: 'Unexpected `Terrafrom`, expected `Terraform` (declared in the table at line 4)' },
      ],
      output: doc(['Git', 'Terraform'], ['Git', 'Terraform']),
    },
    {
      name: 'one word of a longer label, keeping the rest',
      code: doc(['Kubernetes'], ['Cubernetes cluster', 'Deploy to Kubernets']),
      errors: [
        { line: 7, column: 8, message: 'Unexpected `Cubernetes`, expected `Kubernetes` (declared in the table at line 3)' },
        { line: 8, column: 18, message: 'Unexpected `Kubernets`, expected `Kubernetes` (declared in the table at line 3)' },
      ],
      output: doc(['Kubernetes'], ['Kubernetes cluster', 'Deploy to Kubernetes']),
    },
    {
      name: 'dictionary names: a clear slip, and a long word one edit off',
      code: doc([], ['Promethues', 'Kuberntes']),
      errors: [
        { line: 3, column: 8, message: 'Unexpected `Promethues`, expected `Prometheus` (in the dictionary)' },
        { line: 4, column: 8, message: 'Unexpected `Kuberntes`, expected `Kubernetes` (in the dictionary)' },
      ],
      output: doc([], ['Prometheus', 'Kubernetes']),
    },
    {
      name: 'a declared name that swaps letters of a dictionary name, everywhere it is written',
      code: doc(['Kuberentes'], ['Kuberentes']),
      errors: [
        { line: 3, column: 3, message: 'Unexpected `Kuberentes`, expected `Kubernetes` (in the dictionary)' },
        { line: 7, column: 8, message: 'Unexpected `Kuberentes`, expected `Kubernetes` (in the dictionary)' },
      ],
      output: doc(['Kubernetes'], ['Kubernetes']),
    },
    {
      name: 'a list-declared name',
      code: '- **Monitoring:** Prometheus, Grafana\n\n```mermaid\ngraph LR\n    A[Grafanna]\n```\n',
      errors: [{ line: 5, column: 7, message: 'Unexpected `Grafanna`, expected `Grafana` (declared in the list at line 1)' }],
      output: '- **Monitoring:** Prometheus, Grafana\n\n```mermaid\ngraph LR\n    A[Grafana]\n```\n',
    },
    {
      name: 'a configured name',
      code: doc([], ['Acme Flowbsae']),
      config: { vocabulary: ['Acme Flowbase'] },
      errors: [{ line: 3, column: 13, message: 'Unexpected `Acme Flowbsae`, expected `Acme Flowbase` (in the configured vocabulary)' }],
      output: doc([], ['Acme Flowbase']),
    },
    {
      name: 'two names equally close: no fix',
      code: doc(['Marlin', 'Merlin'], ['Murlin']),
      errors: [
        {
          line: 8,
          column: 8,
          message: 'Unexpected `Murlin`, expected `Marlin` (declared in the table at line 3) or `Merlin` (declared in the table at line 4)',
        },
      ],
      output: null,
    },
  ],
});

describe('name-typo fix kinds', () => {
  const kinds = async (code: string) => own((await lint(code, { config: only })).diagnostics).map((d) => d.fix?.kind ?? null);

  it('is safe for a declared name or a clear slip, unsafe for a plain edit of a dictionary name', async () => {
    expect(await kinds(doc(['Kubernetes'], ['Kubernets']))).toEqual(['safe']);
    expect(await kinds(doc([], ['Promethues']))).toEqual(['safe']);
    expect(await kinds(doc([], ['Kuberntes']))).toEqual(['unsafe']);
  });
});
