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

/**
 * Known names with their canonical spelling, looked up by normalised form.
 * Configured words win over the dictionary's.
 */
export class Vocabulary {
  private readonly byKey = new Map<string, VocabularyEntry>();

  constructor(entries: Iterable<{ word: string; source: VocabularySource }>) {
    for (const { word, source } of entries) {
      const key = normalizeName(word);
      if (!key) continue;
      const prev = this.byKey.get(key);
      // Keep the first configured spelling; among dictionary spellings prefer one with capitals (a proper name).
      if (!prev || (prev.source === 'dictionary' && (source === 'config' || (prev.word === prev.word.toLowerCase() && word !== word.toLowerCase())))) {
        this.byKey.set(key, { word, key, source });
      }
    }
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The entry whose normalised form equals the text's, if any. */
  lookup(text: string): VocabularyEntry | undefined {
    return this.byKey.get(normalizeName(text));
  }

  entries(): IterableIterator<VocabularyEntry> {
    return this.byKey.values();
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
  const entries: { word: string; source: VocabularySource }[] = configured.map((word) => ({ word, source: 'config' }));
  for (const word of dictionaryWords()) entries.push({ word, source: 'dictionary' });
  return new Vocabulary(entries);
}
