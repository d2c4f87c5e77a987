import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { RULES } from '../../src/rules/index.js';
import { tableDiagramCoverage } from '../../src/rules/table-diagram-coverage.js';
import { SEED } from '../helpers/paths.js';
import { ruleTester } from '../helpers/rule-tester.js';

const table = (...rows: string[]) => ['| Tool | Purpose |', '| --- | --- |', ...rows.map((r) => `| ${r} | x |`), ''].join('\n');
const fence = (...lines: string[]) => ['```mermaid', 'graph TD', ...lines.map((l) => `    ${l}`), '```', ''].join('\n');

ruleTester(tableDiagramCoverage, {
  valid: [
    { name: 'every table name shown, every leaf named', code: table('Docker', 'Helm') + fence('D[Deploy] --> A[Docker]', 'D --> B[Helm]') },
    { name: 'no diagram', code: table('Docker', 'Helm') },
    { name: 'no table', code: fence('D[Deploy] --> A[Docker]') },
    { name: 'an alias shows the name', code: table('**KServe (KFServing)**') + fence('S[Serving] --> K[KFServing]') },
    { name: 'a joined label shows each name', code: table('Flask / FastAPI', 'Prometheus', 'Grafana') + fence('A[APIs] --> B[FastAPI/Flask]', 'A --> C[Prometheus + Grafana]') },
    { name: 'parts of a shown whole', code: table('ELK Stack (Elasticsearch, Logstash, Kibana)') + fence('L[Logs] --> E[ELK Stack]') },
    { name: 'alternatives are not required', code: table('Matplotlib', '*(Alt: Seaborn / Plotly)*') + fence('V[Plots] --> M[Matplotlib]') },
    { name: 'a misspelt label is name-typo’s finding', code: table('Kubeflow Pipelines') + fence('O[Orchestration] --> K[Cubeflow Pipelines]') },
    { name: 'a leaf naming a table name inside its label', code: table('MLflow') + fence('R[Root] --> E[Experiment Tracking with MLflow]') },
    {
      name: 'a node with children elsewhere is no leaf',
      code: table('NumPy') + fence('R[Root] --> P[Python]', 'P --> N[NumPy]') + fence('A[Start] --> P[Python]'),
    },
    { name: 'switched off by options', code: table('Docker', 'Helm') + fence('D[Deploy] --> A[Docker]', 'D --> B[Terraform]'), options: { tableNames: false, diagramLeaves: false } },
  ],
  invalid: [
    {
      name: 'a table name no diagram shows',
      code: table('Docker', '**Helm**') + fence('D[Deploy] --> A[Docker]'),
      errors: [{ line: 4, column: 5, endColumn: 9, message: '`Helm` is listed in a table but shown in no diagram; add it to a diagram or remove it from the table' }],
    },
    {
      name: 'a leaf no table names, reported once for all diagrams showing it',
      code: table('Docker') + fence('D[Deploy] --> A[Docker]', 'D --> B[Terraform]') + fence('X[Deploy] --> Y[Terraform]'),
      errors: [{ line: 7, column: 13, message: 'Diagram leaf `Terraform` is named in no table; add a table row for it' }],
    },
  ],
});

it('lists the seed’s table names missing from its diagrams and its unnamed leaves', async () => {
  const off = Object.fromEntries(RULES.map((r) => [r.meta.id, 'off' as const]));
  const result = await lint(readFileSync(SEED, 'utf8'), { config: { rules: { ...off, 'table-diagram-coverage': 'info' } } });
  expect(result.diagnostics.map((d) => `${d.position.start.line}:${d.position.start.column} ${d.message.split(' is ')[0]}`)).toEqual([
    '11:5 `Matplotlib`',
    '21:5 `PyTorch`',
    '22:5 `XGBoost`',
    '23:5 `Optuna`',
    '36:5 `Requests`',
    '46:5 `SQLAlchemy`',
    '47:5 `PySpark`',
    '48:5 `LakeFS`',
    '50:26 `KFP DSL`',
    '117:14 Diagram leaf `Virtual Machines`',
    '136:13 Diagram leaf `Linux, Git, Cloud, Networking`',
  ]);
});
