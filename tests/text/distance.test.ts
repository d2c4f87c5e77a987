import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactKey, editDistance, inCodeSpan, inPath, isConfusable, isInflection, singleEdit, words } from '../../src/text/distance.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours', () => {
    expect(editDistance('Kubeflow', 'Kubeflow')).toBe(0);
    expect(editDistance('cubeflow', 'kubeflow')).toBe(1);
    expect(editDistance('gti', 'git')).toBe(1);
    expect(editDistance('kuberntes', 'kubernetes')).toBe(1);
    expect(editDistance('kubernetes', 'kuberntes')).toBe(1);
    expect(editDistance('flask', 'fastapi')).toBe(5);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    // Optimal string alignment: `ca` → `abc` is 3 (no substring edited twice).
    expect(editDistance('ca', 'abc')).toBe(3);
  });

  it('stops at max, returning max + 1', () => {
    expect(editDistance('terraform', 'terragrunt', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    expect(editDistance('abc', 'abd', 1)).toBe(1);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(editDistance('a😀b', 'ab')).toBe(1);
    expect(editDistance('😀', '😁')).toBe(1);
  });

  it('is a symmetric distance bounded by the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(d).toBe(editDistance(b, a));
        expect(d).toBeLessThanOrEqual(Math.max([...a].length, [...b].length));
        expect(d === 0).toBe(a === b);
        expect(editDistance(a, b, 2)).toBe(Math.min(d, 3));
      }),
    );
  });

  it('agrees with the textbook optimal-string-alignment table, long strings and astral characters included', () => {
    // The full (m+1)×(n+1) table over code points, written plainly.
    const reference = (a: string, b: string): number => {
      const s = [...a];
      const t = [...b];
      const d = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= s.length; i++) {
        for (let j = 1; j <= t.length; j++) {
          const cost = s[i - 1] === t[j - 1] ? 0 : 1;
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
          if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
        }
      }
      return d[s.length]![t.length]!;
    };
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'k', '😀', '😁'), maxLength: 80 });
    fc.assert(
      fc.property(text, text, fc.integer({ min: 0, max: 6 }), (a, b, max) => {
        const d = reference(a, b);
        expect(editDistance(a, b)).toBe(d);
        expect(editDistance(a, b, max)).toBe(Math.min(d, max + 1));
      }),
      { numRuns: 500 },
    );
  });
});

describe('singleEdit', () => {
  it('names the one edit', () => {
    expect(singleEdit('cubeflow', 'kubeflow')).toEqual({ kind: 'substitution', at: 0, from: 'c', to: 'k', doubling: false });
    expect(singleEdit('gti', 'git')).toEqual({ kind: 'transposition', at: 1, from: 't', to: 'i', doubling: false });
    expect(singleEdit('kuberntes', 'kubernetes')).toEqual({ kind: 'insertion', at: 6, from: '', to: 'e', doubling: false });
    expect(singleEdit('kubernettes', 'kubernetes')).toMatchObject({ kind: 'deletion', doubling: true });
    expect(singleEdit('lokki', 'loki')).toMatchObject({ kind: 'deletion', doubling: true });
  });

  it('is null for equal strings or more than one edit', () => {
    expect(singleEdit('git', 'git')).toBeNull();
    expect(singleEdit('flask', 'fastapi')).toBeNull();
    expect(singleEdit('abcd', 'badc')).toBeNull();
  });

  it('agrees with editDistance', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        expect(singleEdit(a, b) !== null).toBe(editDistance(a, b) === 1);
      }),
    );
  });
});

describe('isConfusable and isInflection', () => {
  it('knows phonetic confusions', () => {
    expect(isConfusable('c', 'k')).toBe(true);
    expect(isConfusable('K', 'c')).toBe(true);
    expect(isConfusable('s', 'z')).toBe(true);
    expect(isConfusable('i', 'y')).toBe(true);
    expect(isConfusable('o', 'i')).toBe(false);
    expect(isConfusable('c', 'c')).toBe(false);
  });

  it('knows plurals, possessives and verb forms', () => {
    expect(isInflection('Airflows', 'Airflow')).toBe(true);
    expect(isInflection('Kafka', "Kafka's")).toBe(true);
    expect(isInflection('promoted', 'promote')).toBe(true);
    expect(isInflection('Fiddle', 'Fiddler')).toBe(true);
    expect(isInflection('registry', 'registries')).toBe(true);
    expect(isInflection('Kubeflow', 'Cubeflow')).toBe(false);
    expect(isInflection('Git', 'Git')).toBe(false);
  });
});

describe('words', () => {
  it('splits as normalizeName does, with offsets and parts', () => {
    expect(words('Cubeflow Pipelines / Argo').map((w) => [w.text, w.key, w.start, w.end, w.part])).toEqual([
      ['Cubeflow', 'cubeflow', 0, 8, 0],
      ['Pipelines', 'pipelines', 9, 18, 0],
      ['Argo', 'argo', 21, 25, 1],
    ]);
    expect(words('Data & Model').map((w) => w.key)).toEqual(['data', 'and', 'model']);
    expect(words('C++, scikit-learn').map((w) => [w.key, w.part])).toEqual([
      ['c++', 0],
      ['scikit', 1],
      ['learn', 1],
    ]);
    expect(words('Prometheus + Grafana').map((w) => w.part)).toEqual([0, 1]);
    expect(words('')).toEqual([]);
  });

  it('compactKey drops the blanks of a normalised name', () => {
    expect(compactKey('elk stack opensearch')).toBe('elkstackopensearch');
  });
});

describe('inPath and inCodeSpan', () => {
  const at = (text: string, word: string) => {
    const i = text.indexOf(word);
    return inPath(text, i, i + word.length);
  };
  it('finds paths, URLs, globs and image references', () => {
    expect(at('POST /v1/prometheus/write', 'prometheus')).toBe(true);
    expect(at('see .github/agents/x.md', 'github')).toBe(true);
    expect(at('files *.bicep here', 'bicep')).toBe(true);
    expect(at('linux/x86, linux/arm', 'linux')).toBe(true);
    expect(at('grafana/otel-lgtm:0.29', 'grafana')).toBe(true);
    expect(at('https://kubeflow.org', 'kubeflow')).toBe(true);
  });
  it('leaves names joined by a slash and plain words', () => {
    expect(at('FastAPI/Flask', 'Flask')).toBe(false);
    expect(at('ELK Stack/OpenSearch', 'OpenSearch')).toBe(false);
    expect(at('Node.js and Docker', 'Node')).toBe(false);
    expect(at('Cubeflow Pipelines', 'Cubeflow')).toBe(false);
  });
  it('knows inline code', () => {
    const t = 'a `numpy` and NumPy';
    expect(inCodeSpan(t, t.indexOf('numpy'))).toBe(true);
    expect(inCodeSpan(t, t.indexOf('NumPy'))).toBe(false);
  });
});
