import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LintResult } from '../lint/engine.js';
import type { Diagnostic, Severity, TextEdit } from '../lint/types.js';
import { LineIndex } from '../markdown/lines.js';
import type { Position } from '../model/position.js';
import { VERSION } from '../version.js';
import type { FormatContext } from './index.js';

/*
 * SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), shaped for
 * GitHub code scanning: every result's ruleId is among the driver's rules,
 * messages are non-empty, regions start at line 1 or later.
 * Only the parts of the object model this report uses are typed here.
 */

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  charOffset?: number;
  charLength?: number;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion };
  message?: { text: string };
}

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  helpUri?: string;
  help?: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties?: { docs?: string; fixable?: 'safe' | 'unsafe' | false };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  fixes?: {
    description: { text: string };
    artifactChanges: {
      artifactLocation: SarifArtifactLocation;
      replacements: { deletedRegion: Partial<SarifRegion>; insertedContent: { text: string } }[];
    }[];
  }[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: {
        driver: {
          name: string;
          version: string;
          semanticVersion: string;
          informationUri?: string;
          rules: SarifReportingDescriptor[];
        };
      };
      columnKind: 'utf16CodeUnits';
      results: SarifResult[];
    },
  ];
}

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** The artifact location of a linted path: relative to `%SRCROOT%` (the cwd) when inside it, else a `file:` URI. */
export function artifactLocation(path: string | null, cwd: string): SarifArtifactLocation {
  if (path === null) return { uri: encodeURIComponent('<input>') };
  const absolute = resolve(cwd, path);
  const rel = relative(cwd, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(absolute).href };
  return { uri: rel.split(sep).join('/').split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function region(position: Position): SarifRegion {
  // SARIF regions are half-open like ours: endColumn is the column after the last character.
  const startLine = Math.max(1, position.start.line);
  const startColumn = Math.max(1, position.start.column);
  const endLine = Math.max(startLine, position.end.line);
  const endColumn = Math.max(endLine === startLine ? startColumn : 1, position.end.column);
  return { startLine, startColumn, endLine, endColumn };
}

function editRegion(edit: TextEdit, index: LineIndex | null): Partial<SarifRegion> {
  if (index === null) return { charOffset: edit.start, charLength: edit.end - edit.start };
  const start = index.point(edit.start);
  const end = index.point(edit.end);
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

/** The SARIF log object of `results` (see docs/formats.md). */
export function toSarif(results: readonly LintResult[], ctx: FormatContext): SarifLog {
  const rules: SarifReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (descriptor: SarifReportingDescriptor): void => {
    if (ruleIndex.has(descriptor.id)) return;
    ruleIndex.set(descriptor.id, rules.length);
    rules.push(descriptor);
  };
  for (const { meta } of ctx.rules) {
    const helpUri = ctx.docsBaseUrl ? new URL(meta.docs, ctx.docsBaseUrl).href : undefined;
    addRule({
      id: meta.id,
      name: meta.id,
      shortDescription: { text: meta.description },
      ...(helpUri ? { helpUri } : {}),
      help: { text: `${meta.description} See ${helpUri ?? meta.docs}.` },
      defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
      properties: { docs: meta.docs, fixable: meta.fixable },
    });
  }
  // A finding of a rule outside the registry still needs a descriptor (GitHub rejects unknown rule ids).
  for (const r of results) {
    for (const d of r.diagnostics) {
      addRule({ id: d.ruleId, name: d.ruleId, shortDescription: { text: d.ruleId }, defaultConfiguration: { level: LEVEL[d.severity] } });
    }
  }

  const sarifResults: SarifResult[] = [];
  for (const r of results) {
    const artifact = artifactLocation(r.path, ctx.cwd);
    const source = ctx.sources.get(r.path ?? '');
    let index: LineIndex | null | undefined;
    const lines = (): LineIndex | null => {
      if (index === undefined) index = source === undefined ? null : new LineIndex(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
      return index;
    };
    for (const d of r.diagnostics) sarifResults.push(toResult(d, artifact, ruleIndex.get(d.ruleId) ?? 0, lines));
  }

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mermaid-lint',
            version: VERSION,
            semanticVersion: VERSION,
            ...(ctx.docsBaseUrl ? { informationUri: ctx.docsBaseUrl } : {}),
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}

function toResult(d: Diagnostic, artifact: SarifArtifactLocation, ruleIndex: number, lines: () => LineIndex | null): SarifResult {
  const result: SarifResult = {
    ruleId: d.ruleId,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text: d.message.trim() === '' ? d.ruleId : d.message },
    locations: [{ physicalLocation: { artifactLocation: artifact, region: region(d.position) } }],
  };
  if (d.related.length) {
    result.relatedLocations = d.related.map((x, i) => ({
      id: i + 1,
      physicalLocation: { artifactLocation: artifact, region: region(x.position) },
      message: { text: x.message.trim() === '' ? 'related location' : x.message },
    }));
  }
  if (d.fix) {
    const index = lines();
    result.fixes = [
      {
        description: { text: d.fix.kind === 'safe' ? 'Safe fix (applied by --fix)' : 'Unsafe fix (applied by --fix-unsafe; may change meaning)' },
        artifactChanges: [
          {
            artifactLocation: artifact,
            replacements: d.fix.edits.map((e) => ({ deletedRegion: editRegion(e, index), insertedContent: { text: e.text } })),
          },
        ],
      },
    ];
  }
  return result;
}

/** SARIF 2.1.0 log, pretty-printed. */
export function formatSarif(results: readonly LintResult[], ctx: FormatContext): string {
  return `${JSON.stringify(toSarif(results, ctx), null, 2)}\n`;
}
