export { parseDocument, isMermaidPath } from './model/document.js';
export type { ParseOptions } from './model/document.js';
export { normalizeName, parseNames } from './model/names.js';
export type { NameEntry } from './model/names.js';
export { DiagramSourceMap } from './model/source-map.js';
export type { Point, Position, Span } from './model/position.js';
export type * from './model/types.js';
export { readSourceFile, decodeSource, SourceError } from './source/read.js';
export { VERSION } from './version.js';
