import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { normalizeName } from '../model/names.js';
import { CURATED_TERMS } from './data/terms.js';

/** Where a known spelling comes from. */
export type VocabularySource = 'config' | 'dictionary';

export interface VocabularyEntry {
  /** The canonical spelling. */
  word: string;
  key: string;
  source: VocabularySource;
}

type EntryMap = Map<string, VocabularyEntry>;

/** Adds spellings to a map by normalised form, keeping the better spelling per form. */
function addAll(map: EntryMap, entries: Iterable<{ word: string; source: VocabularySource }>): EntryMap {
  for (const { word, source } of entries) {
    const key = normalizeName(word);
    if (!key) continue;
    const prev = map.get(key);
    // Keep the first configured spelling; among dictionary spellings prefer one with capitals (a proper name).
    if (!prev || (prev.source === 'dictionary' && (source === 'config' || (prev.word === prev.word.toLowerCase() && word !== word.toLowerCase())))) {
      map.set(key, { word, key, source });
    }
  }
  return map;
}

/**
 * Known names with their canonical spelling, looked up by normalised form.
 * Configured words win over the dictionary's. The dictionary part is built
 * once per process and shared; a run's configured words lie on top of it.
 */
export class Vocabulary {
  private readonly overlay: EntryMap;
  private readonly base: EntryMap;

  constructor(entries: Iterable<{ word: string; source: VocabularySource }>, base: EntryMap = new Map()) {
    this.overlay = addAll(new Map(), entries);
    this.base = base;
  }

  get size(): number {
    let n = this.base.size;
    for (const k of this.overlay.keys()) if (!this.base.has(k)) n++;
    return n;
  }

  /** The entry whose normalised form equals the text's, if any. */
  lookup(text: string): VocabularyEntry | undefined {
    const key = normalizeName(text);
    return this.overlay.get(key) ?? this.base.get(key);
  }

  *entries(): IterableIterator<VocabularyEntry> {
    yield* this.overlay.values();
    for (const [k, e] of this.base) if (!this.overlay.has(k)) yield e;
  }
}

let dictionary: string[] | undefined;

/**
 * Words of the built-in dictionary: `@cspell/dict-software-terms` (software
 * terms and tools) and a curated list of infrastructure, data and MLOps
 * product names the cspell lists lack. Loaded once, on first use.
 */
export function dictionaryWords(): string[] {
  if (dictionary) return dictionary;
  const words: string[] = [...CURATED_TERMS];
  try {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('@cspell/dict-software-terms/cspell-ext.json')), 'dict');
    for (const f of readdirSync(dir)) {
      let text: string;
      if (f.endsWith('.txt')) text = readFileSync(join(dir, f), 'utf8');
      else if (f.endsWith('.txt.gz')) text = gunzipSync(readFileSync(join(dir, f))).toString('utf8');
      else continue;
      for (const line of text.split('\n')) {
        const w = line.trim();
        // Skip comments, wildcard patterns and forbidden-word markers.
        if (!w || w.startsWith('#') || /[*!+~]/.test(w)) continue;
        words.push(w);
      }
    }
  } catch {
    // Without the package the curated list still works.
  }
  dictionary = words;
  return words;
}

/** The vocabulary for a lint run: configured words first, then the dictionary. */
export function createVocabulary(configured: readonly string[] = []): Vocabulary {
  // One vocabulary per distinct configured list, so that what rules derive from it (indexes
  // kept in WeakMaps) is built once per run, not once per file.
  const key = configured.join('\u0000');
  const cached = vocabularies.get(key);
  if (cached) return cached;
  dictionaryMap ??= addAll(
    new Map(),
    dictionaryWords().map((word) => ({ word, source: 'dictionary' as const })),
  );
  const vocabulary = new Vocabulary(
    configured.map((word) => ({ word, source: 'config' as const })),
    dictionaryMap,
  );
  if (vocabularies.size >= 64) vocabularies.delete(vocabularies.keys().next().value as string);
  vocabularies.set(key, vocabulary);
  return vocabulary;
}

const vocabularies = new Map<string, Vocabulary>();

let dictionaryMap: EntryMap | undefined;
