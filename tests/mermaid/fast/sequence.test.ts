/**
 * The fast sequence-diagram recogniser (src/mermaid/fast/sequence.ts) against
 * the real mermaid 12.3.0. Its one promise is soundness: when it says "mermaid
 * accepts this", mermaid must accept it. Every check here asks mermaid itself.
 *
 * Deterministic in CI (fixed seeds). For a long local run:
 *   FAST_MUTATIONS=100 FAST_CHECK_RUNS=20000 npx vitest run tests/mermaid/fast/sequence.test.ts
 * (FAST_MUTATIONS: mutations per corpus diagram; FAST_SEED changes the seeds.)
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { acceptsSequence } from '../../../src/mermaid/fast/sequence.js';
import { corpusDiagrams as corpusSequences, prng } from '../../helpers/corpus.js';
import { HAS_SHARED, SHARED_SKIP_REASON } from '../../helpers/paths.js';
import { loadMermaid } from '../validate/oracle.js';

type Mermaid = Awaited<ReturnType<typeof loadMermaid>>;
let mermaid: Mermaid;

beforeAll(async () => {
  mermaid = await loadMermaid();
}, 60_000);

/** mermaid.parse's verdict: the detected diagram type when it accepts, null when it throws. */
async function oracle(text: string): Promise<string | null> {
  try {
    return (await mermaid.parse(text)).diagramType;
  } catch {
    return null;
  }
}

/** Asserts soundness for one text; returns [fast verdict, mermaid verdict]. */
async function check(text: string): Promise<[boolean, boolean]> {
  const fast = acceptsSequence(text);
  const type = await oracle(text);
  if (fast && type !== 'sequence') {
    throw new Error(`false accept: acceptsSequence is true but mermaid ${type === null ? 'rejects' : `detects ${type}`}:\n${text}`);
  }
  return [fast, type !== null];
}

const envInt = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};
const SEED = envInt('FAST_SEED', 1);
/** Mutations per corpus diagram (3 in CI: about 1,200 in all). */
const MUTATIONS = envInt('FAST_MUTATIONS', 3);
/** Generated diagrams (fast-check runs). */
const RUNS = envInt('FAST_CHECK_RUNS', 400);

// ---------------------------------------------------------------------------
// Hand-written cases

const sd = (...lines: string[]): string => ['sequenceDiagram', ...lines].join('\n');

const ARROWS = ['->', '-->', '->>', '-->>', '-x', '--x', '-)', '--)', '<<->>', '<<-->>'];
const HALF_ARROWS = ['-|\\', '-|/', '-\\\\', '-//', '--|\\', '--|/', '--\\\\', '--//', '/|-', '\\|-', '//-', '\\\\-', '/|--', '\\|--', '//--', '\\\\--'];

/** Constructs of the subset: mermaid accepts them, and so must acceptsSequence. */
const ACCEPTED: [string, string][] = [
  ['an empty diagram', 'sequenceDiagram'],
  ['an empty diagram with a newline', 'sequenceDiagram\n'],
  ['a message', sd('Alice->>Bob: Hello Bob')],
  ...ARROWS.map((a): [string, string] => [`the ${a} arrow`, sd(`A${a}B: text`)]),
  ...HALF_ARROWS.map((a): [string, string] => [`the ${a} half arrow`, sd(`A${a}B: text`)]),
  ['arrows with spaces around', sd('  A ->> B : spaced', 'A\t-->>\tB\t:\ttabs')],
  ['an empty message text', sd('A->>B:', 'A->>B: ')],
  ['a statement on the keyword line', 'sequenceDiagram A->>B: x'],
  ['; separators', sd('A->>B: one; B->>A: two;'), ],
  ['# comments after statements and alone', sd('A->>B: issue # not text', '# a comment line', 'participant C #c')],
  ['%% comment lines, indented and between blank lines', sd('  %% a comment', '', '%% another', 'A->>B: x %% inside text')],
  ['HTML entity codes (mermaid encodes #name; before parsing)', sd('A->>B: I #9829; you', 'B->>A: #quot;quoted#quot; #35;')],
  ['HTML in text', sd('A->>B: line<br/>break <b>bold</b>', 'Note over A: <a href="x">link</a>')],
  ['unicode text and names', sd('Алиса->>Боб: привет', 'ユーザー-->>Éva: ✓ done', '👩‍💻 Dev->>Server: 🚀')],
  ['names with spaces, dashes, dots, underscores, digits', sd('Web Server->>API-Gateway: x', 'db.main-->>user_2: y', 'Server 1->>svc-v2.1: z')],
  ['names that start with a keyword but continue with word characters', sd('endpoint->>Options: x', 'Notes->>boxer: y', 'loops->>alternative: z')],
  ['dashes inside names where no arrow starts', sd('post-office->>x-ray-B: x', 'a-b-c-->>d: y')],
  ['wrap: and nowrap: prefixes', sd('A->>B: wrap: a long text', 'Note over A: nowrap: x')],
  ['participants and actors', sd('participant Alice', 'actor Bob', 'Alice->>Bob: x')],
  ['aliases', sd('participant A as Alice the First', 'actor B as Bob', 'participant C as  spaced  #c', 'A->>B: x')],
  ['an alias on a name with spaces is part of the name', sd('participant A B as C', 'A B as C->>D: x')],
  ['a participant list with ;', sd('participant A; participant B; A->>B: x')],
  ['participant metadata', sd('participant A@{ "type": "queue" }', 'participant B @{ type: database } as The DB', 'actor C@{"type":"boundary", "alias": "Gate"}', 'A->>B: x')],
  ['create and its creating message', sd('A->>B: x', 'create participant C', 'A->>C: create', 'create actor D as Dee', 'C->>D: hi')],
  ['destroy and its destroying message (either end)', sd('A->>B: x', 'destroy B', 'A-xB: bye', 'destroy A', 'A->>C: bye')],
  ['create then destroy the same participant', sd('A->>B: x', 'create participant C', 'destroy C', 'A->>C: x', 'C->>B: y')],
  ['a note between a create and its message', sd('create participant C', 'Note over C: new', 'A->>C: hi')],
  ['boxes', sd('box Aqua Group', 'participant A', 'actor B as Bee', 'end', 'box rgb(33,66,99) Other', 'participant C', 'end', 'box', 'participant D', 'end', 'A->>D: x')],
  ['a participant redeclared in its own box, or outside', sd('box X', 'participant A', 'participant A', 'end', 'participant A', 'A->>B: x')],
  ['a participant used before its box', sd('A->>B: x', 'box X', 'participant A', 'end')],
  ['activation shorthand', sd('A->>+B: x', 'B->>+B: self', 'B-->>-A: y', 'B-->>-A: z')],
  ['activate and deactivate', sd('activate A', 'activate A', 'A->>B: x', 'deactivate A', 'deactivate A', 'activate Never Declared')],
  ['notes', sd('Note left of A: l', 'note right of B: r', 'Note over A: o', 'NOTE OVER A,B: both', 'Note over A , B: spaced')],
  ['autonumber forms', sd('autonumber', 'A->>B: 1', 'autonumber 10', 'autonumber 10 5', 'autonumber off', 'autonumber 1.5 .25', 'autonumber .5')],
  ['titles and accessibility', sd('title My Title', 'title: Legacy Title', 'accTitle: Acc title', 'accDescr: Acc description', 'accDescr {', 'multi', 'line', '}', 'A->>B: x')],
  ['an empty accDescr block', sd('accDescr {}', 'A->>B: x')],
  ['links, link, properties, details', sd('A->>B: x', 'links A: {"Dashboard": "https://x"}', 'link A: Wiki @ https://w', 'properties A: {"class": "c"}', 'details A: id', 'links B: not json')],
  ['loop, opt, rect, break', sd('loop Every minute', 'A->>B: x', 'end', 'opt maybe', 'A->>B: y', 'end', 'rect rgba(0, 0, 255, .1)', 'A->>B: z', 'end', 'break oops', 'A->>B: w', 'end')],
  ['alt/else, par/and, par_over/and, critical/option', sd('alt a', 'A->>B: x', 'else b', 'A->>B: y', 'else', 'end', 'par p', 'A->>B: x', 'and q', 'A->>C: y', 'end', 'par_over p', 'A->>B: x', 'and', 'end', 'critical c', 'A->>B: x', 'option o', 'A->>B: y', 'end')],
  ['nested blocks', sd('loop a', 'alt b', 'opt c', 'par d', 'A->>B: x', 'and e', 'critical f', 'option g', 'end', 'end', 'end', 'else h', 'break i', 'end', 'end', 'end')],
  ['empty blocks and ; inside', sd('loop x; end', 'alt y', 'else z', 'end')],
  ['keywords in any case', sd('LOOP x', 'A->>B: y', 'END', 'Participant C', 'NOTE over C: n')],
  ['central connections', sd('Alice->>()John: a', 'Alice()->>John: b', 'Alice()->>()John: c', 'Alice () -->> () John: d')],
  ['front matter with a title and simple config', `---\ntitle: Order flow\nconfig:\n  theme: dark\n  fontSize: 48 \n  sequence:\n    mirrorActors: true\n    messageAlign: left\n---\n${sd('A->>B: x')}`],
  ['front matter followed by blank lines', `---\nconfig:\n  theme: redux\n---\n\n\n${sd('A->>B: x')}`],
  ['CRLF line ends', sd('A->>B: x', 'loop y', 'B->>A: z', 'end').replaceAll('\n', '\r\n')],
  ['leading blank lines and comments before the keyword', `\n\n%% header comment\n  ${sd('A->>B: x')}`],
  ['a byte order mark', `\ufeff${sd('A->>B: x')}`],
  ['statements after end on the same line', sd('box', 'participant A', 'end A->>B: x')],
  ['a title line ending in a comment', sd('title T # c', 'A->>B: x')],
];

/** Mermaid rejects these; acceptsSequence must say false. */
const REJECTED: [string, string][] = [
  ['an unbalanced end', sd('A->>B: x', 'end')],
  ['a missing end', sd('loop x', 'A->>B: y')],
  ['an extra end after a block', sd('opt', 'end', 'end')],
  ['else outside alt', sd('loop x', 'else', 'end')],
  ['else directly inside a loop inside alt', sd('alt x', 'loop', 'else', 'end', 'end')],
  ['and inside alt', sd('alt x', 'and y', 'end')],
  ['option inside par', sd('par x', 'option y', 'end')],
  ['deactivating an inactive participant', sd('activate A', 'deactivate A', 'deactivate A')],
  ['- on a message from an inactive participant', sd('A->>-B: x')],
  ['- on the wrong participant', sd('A->>+B: x', 'A-->>-B: y')],
  ['a bad arrow', sd('A=>B: x')],
  ['a too long arrow', sd('A->>>B: x')],
  ['a missing colon', sd('A->>B x')],
  ['a missing text', sd('A->>B')],
  ['a missing target', sd('A->>: x')],
  ['; inside a message text', sd('A->>B: one; two')],
  ['&amp; in a message text (its ; ends the statement)', sd('A->>B: a &amp; b')],
  ['a #name; entity at the start of a line', sd('#todo;', 'A->>B: x')],
  ['a keyword as the start of an actor name', sd('End User->>A: x')],
  ['create for an existing participant', sd('A->>B: x', 'create participant B', 'A->>B: y')],
  ['create without its creating message', sd('create participant C', 'A->>B: x')],
  ['destroy without its destroying message', sd('A->>B: x', 'destroy B', 'A->>C: y')],
  ['the message after a create-and-destroy', sd('create participant C', 'destroy C', 'A->>C: x', 'A->>B: y')],
  ['a participant in two boxes', sd('box X', 'participant A', 'end', 'box Y', 'participant A', 'end')],
  ['a message inside a box', sd('box X', 'A->>B: x', 'end')],
  ['a note over three participants', sd('Note over A,B,C: x')],
  ['a note left of two participants', sd('note left of A,B: x')],
  ['left of with two spaces', sd('Note left  of A: x')],
  ['a colon in a participant name', sd('participant A:B')],
  ['activate with an alias', sd('activate A as B')],
  ['create on its own line', sd('create', 'participant B', 'A->>B: x')],
  ['autonumber with a trailing space before a comment line', sd('autonumber  ', '%% c', 'A->>B: x')],
  ['autonumber with three decimals', sd('autonumber 1.234', 'A->>B: x')],
  ['autonumber then ; on the same line', sd('autonumber 10 5;A->>B: x')],
  ['an alias on the next line', sd('participant A', 'as B')],
  ['duplicated metadata keys', sd('participant A@{ "type": "boundary", "type": "queue" }')],
  ['empty metadata', sd('participant A@{}')],
  ['text after metadata', sd('participant A@{ "type": "queue" } x')],
  ['a misspelt keyword line', 'sequenceDiagramX\nA->>B: x'],
  ['a second keyword line', sd('sequenceDiagram')],
  ['front matter with invalid YAML', `---\ntitle: a: b\n---\n${sd('A->>B: x')}`],
  ['front matter with duplicated keys', `---\nconfig:\n  theme: dark\n  theme: base\n---\n${sd('A->>B: x')}`],
  ['unclosed front matter', `---\ntitle: x\n${sd('A->>B: x')}`],
  ['a + before a central connection', sd('Alice->>+()John: x')],
];

/** Mermaid accepts these, but they are outside the subset: acceptsSequence says false (the caller asks mermaid). */
const OUTSIDE: [string, string][] = [
  ['an init directive', `%%{init: {"theme": "dark"}}%%\n${sd('A->>B: x')}`],
  ['an unterminated accDescr block', sd('accDescr {', 'x')],
  ['quotes in an actor name', sd('"A"->>B: x')],
  ['a line separator character', sd('A->>B: x\u2028')],
  ['front matter with theme variables', `---\nconfig:\n  themeVariables:\n    primaryColor: "#ff0000"\n---\n${sd('A->>B: x')}`],
  ['a stray character line (mermaid skips INVALID tokens at line starts)', sd('A->>B: x', ')', 'B->>A: y')],
];

describe('acceptsSequence: hand-written cases, each checked with mermaid', () => {
  it.each(ACCEPTED)('accepts %s', async (_name, text) => {
    const [fast, ok] = await check(text);
    expect(ok, 'mermaid accepts').toBe(true);
    expect(fast, 'acceptsSequence').toBe(true);
  });

  it.each(REJECTED)('rejects %s', async (_name, text) => {
    const [fast, ok] = await check(text);
    expect(ok, 'mermaid rejects').toBe(false);
    expect(fast, 'acceptsSequence').toBe(false);
  });

  it.each(OUTSIDE)('leaves %s to mermaid', async (_name, text) => {
    const [fast, ok] = await check(text);
    expect(ok, 'mermaid accepts').toBe(true);
    expect(fast, 'acceptsSequence').toBe(false);
  });

  it('models activation counts per participant exactly', async () => {
    for (const n of [1, 2, 3]) {
      for (const m of [n - 1, n, n + 1]) {
        const text = sd(...Array<string>(n).fill('activate A'), ...Array<string>(m).fill('deactivate A'));
        const [fast, ok] = await check(text);
        expect(ok).toBe(m <= n);
        expect(fast).toBe(m <= n);
      }
    }
  });

  it('nests deeply', async () => {
    const deep = (n: number): string => sd(...Array<string>(n).fill('loop x'), 'A->>B: y', ...Array<string>(n).fill('end'));
    expect(await check(deep(40))).toEqual([true, true]);
    expect(await check(deep(200))).toEqual([false, true]); // beyond the nesting the subset accepts
  });
});

// ---------------------------------------------------------------------------
// Speed and linear time

describe('acceptsSequence: speed', () => {
  const big = (blocks: number): string => {
    const lines: string[] = ['sequenceDiagram', 'participant A as Alice', 'actor B'];
    for (let i = 0; i < blocks; i++) lines.push('loop every time', `A->>+B: request #35; ${i}`, 'Note over A,B: note %% x', 'B-->>-A: reply', 'end');
    return lines.join('\n');
  };

  it('handles 100k-line diagrams in linear time', async () => {
    expect(await check(big(200))).toEqual([true, true]); // the same shape, small enough for mermaid
    // 100k lines: a hang fails through the test timeout; no timing is asserted.
    expect(acceptsSequence(big(20_000))).toBe(true);
  }, 60_000);

  it('does not blow up on pathological input', () => {
    const N = 300_000;
    const inputs = [
      'A'.repeat(N),
      '-'.repeat(N),
      'A-'.repeat(N / 2),
      'A -B'.repeat(N / 4),
      '#'.repeat(N),
      '#a'.repeat(N / 2),
      '%'.repeat(N),
      ' '.repeat(N) + 'x',
      '\n'.repeat(N) + 'x',
      '\n  \n'.repeat(N / 4) + '%% c',
      '<b x="'.repeat(N / 6),
      '<b'.repeat(N / 2) + '"',
      'participant ' + 'a b '.repeat(N / 4) + ':',
      'participant ' + 'a#'.repeat(N / 2) + ':',
      'loop\n'.repeat(N / 5),
      'alt\nelse\n'.repeat(N / 10),
      'style '.repeat(N / 6) + '#;',
      'A->>B: ' + 'x'.repeat(N),
      'title ' + ';'.repeat(N),
      'accDescr {' + '{'.repeat(N),
      'activate A\n'.repeat(N / 11) + 'deactivate A\n'.repeat(N / 13),
    ];
    for (const body of inputs) {
      // Without the header it is no sequence diagram; with it, any verdict will do, as long as one comes.
      expect(acceptsSequence(body), JSON.stringify(body.slice(0, 20))).toBe(false);
      expect(typeof acceptsSequence('sequenceDiagram\n' + body)).toBe('boolean');
    }
  }, 60_000);
});

// ---------------------------------------------------------------------------
// Deterministic mutations

const rng = prng;

const PUNCT = [':', '-', '>', ';', ',', '+', '"', '#', '%', '(', ')', '<', '@', '{', '}', 'x', ' ', '\n', '\t', '&', '/', '\\', '|', '%%', '()', '-x', '--', '\u00a0', "'", '#35;', 'as ', ' as ', '*'];
const NEAR_ARROWS = [...ARROWS, ...HALF_ARROWS, '->>>', '=>', '- >', '-> >', '--', '---', '-', '>>', '<-', '<<-', '<->', '<<->', '-X', '--X', '->>+', '->>-', '-->>-', '->>()', '()->>', '-->>>', '~>'];
const INSERTED_LINES = [
  'end', 'else', 'else x', 'and', 'and y', 'option o', 'loop', 'loop l', 'alt a', 'opt', 'par p', 'critical c', 'break b', 'rect rgb(0,0,0)', 'box', 'box Aqua Group',
  'autonumber', 'autonumber 10 5', 'autonumber off', 'autonumber 1.5', 'title T', 'accTitle: t', 'accDescr: d', 'accDescr {\nmulti\n}', '%% comment', '%%', '# comment',
  'activate $A', 'deactivate $A', 'activate $B', 'deactivate $B', 'create participant $N', 'create actor $N', 'destroy $A', 'destroy $B', 'participant $A', 'participant $N as Alias', 'actor $B',
  'participant $A@{ "type": "queue" }', 'note over $A', 'Note over $A,$B: n', 'note left of $A: l', 'Note right of $B: r', '$A->>$B: m', '$A->>+$B: m', '$B-->>-$A: m', '$A->>$N: m', '$N->>$A: m',
  'links $A: {"x": "y"}', 'link $A: x @ y', 'properties $A: {}', 'details $A: d', '$A->>()$B: c', '---', 'sequenceDiagram', '  ', ';', 'box rgb(1,2,3)\nparticipant $A\nend',
];

function actorsOf(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/^\s*([A-Za-z_][\w ]*?)\s*(?:-|--)(?:>>|>|x|\))[+-]?\s*([A-Za-z_][\w ]*?)\s*:/gm)) {
    names.add(m[1]!);
    names.add(m[2]!);
  }
  for (const m of text.matchAll(/^\s*(?:participant|actor)\s+([^\s@]+)/gim)) names.add(m[1]!);
  return names.size > 0 ? [...names] : ['A', 'B'];
}

/** One to three random edits of a diagram: characters, lines, `end`s, punctuation, arrows, statements, case, whitespace. */
function mutate(text: string, r: () => number): string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const edits = 1 + (r() < 0.3 ? Math.floor(r() * 3) : 0);
  const actors = actorsOf(text);
  let t = text;
  for (let k = 0; k < edits; k++) {
    const lines = t.split('\n');
    const li = Math.floor(r() * lines.length);
    const pos = Math.floor(r() * (t.length + 1));
    switch (Math.floor(r() * 12)) {
      case 0: // delete a character
        t = t.slice(0, pos) + t.slice(pos + 1);
        break;
      case 1: // delete a line
        if (lines.length > 1) lines.splice(li, 1);
        t = lines.join('\n');
        break;
      case 2: // duplicate a line
        lines.splice(li, 0, lines[li]!);
        t = lines.join('\n');
        break;
      case 3: // insert an end
        lines.splice(li + 1, 0, pick(['end', '  end', 'end ', 'END']));
        t = lines.join('\n');
        break;
      case 4:
      case 5: // insert punctuation
        t = t.slice(0, pos) + pick(PUNCT) + t.slice(pos);
        break;
      case 6: // swap adjacent lines
        if (li + 1 < lines.length) [lines[li], lines[li + 1]] = [lines[li + 1]!, lines[li]!];
        t = lines.join('\n');
        break;
      case 7: {
        // replace an arrow with a near miss
        const ms = [...t.matchAll(/<<-->>|<<->>|-->>|->>|-->|->|--x|-x|--\)|-\)/g)];
        if (ms.length > 0) {
          const m = pick(ms);
          t = t.slice(0, m.index) + pick(NEAR_ARROWS) + t.slice(m.index + m[0].length);
        }
        break;
      }
      case 8:
      case 9: {
        // insert a statement about the diagram's actors
        const line = pick(INSERTED_LINES).replaceAll('$A', pick(actors)).replaceAll('$B', pick(actors)).replaceAll('$N', `New${Math.floor(r() * 3)}`);
        lines.splice(li + 1, 0, (r() < 0.5 ? '    ' : '') + line);
        t = lines.join('\n');
        break;
      }
      case 10: {
        // change a word's case, or replace it with an actor name
        const ws = [...t.matchAll(/[A-Za-z_]+/g)];
        if (ws.length > 0) {
          const m = pick(ws);
          const rep = r() < 0.5 ? (r() < 0.5 ? m[0].toUpperCase() : m[0].toLowerCase()) : pick(actors);
          t = t.slice(0, m.index) + rep + t.slice(m.index + m[0].length);
        }
        break;
      }
      default: // whitespace, comments and separators at a line's ends
        lines[li] = pick([`${lines[li]} `, ` ${lines[li]}`, `${lines[li]}\t`, lines[li]!.trim(), `${lines[li]} #c`, `${lines[li]};`, `${lines[li]}\r`]);
        t = lines.join('\n');
    }
  }
  return t;
}

// ---------------------------------------------------------------------------
// The real-world corpus

function corpusDiagrams(): string[] {
  return corpusSequences('sequence').map((d) => d.source);
}

/** The share of mermaid-accepted corpus diagrams acceptsSequence accepts was 403/410 (98.3%) when written. */
const MIN_COVERAGE = 0.97;

describe.skipIf(!HAS_SHARED)(`acceptsSequence on the real-world corpus (${HAS_SHARED ? 'found' : SHARED_SKIP_REASON})`, () => {
  let diagrams: string[] = [];
  beforeAll(() => {
    diagrams = corpusDiagrams();
  }, 120_000);

  it('never accepts what mermaid rejects, and covers the accepted diagrams', async () => {
    expect(diagrams.length).toBeGreaterThan(300);
    let accepted = 0;
    let covered = 0;
    for (const text of diagrams) {
      const [fast, ok] = await check(text);
      if (ok) accepted++;
      if (fast) covered++;
    }
    const coverage = covered / accepted;
    console.log(`acceptsSequence corpus coverage: ${covered}/${accepted} mermaid-accepted sequence diagrams (${(100 * coverage).toFixed(1)}%), ${diagrams.length} in all`);
    expect(coverage).toBeGreaterThanOrEqual(MIN_COVERAGE);
  }, 120_000);

  it('never accepts a mutation mermaid rejects', async () => {
    const per = MUTATIONS;
    let total = 0;
    let fastAccepted = 0;
    for (let i = 0; i < diagrams.length; i++) {
      const r = rng(SEED * 1_000_003 + i);
      for (let k = 0; k < per; k++) {
        const text = mutate(diagrams[i]!, r);
        total++;
        if (!acceptsSequence(text)) continue; // false is always sound
        fastAccepted++;
        await check(text);
      }
    }
    console.log(`acceptsSequence mutations: ${total} checked, ${fastAccepted} accepted and confirmed by mermaid`);
    expect(fastAccepted).toBeGreaterThan(total / 10);
  }, Math.max(600_000, MUTATIONS * 30_000));
});

// ---------------------------------------------------------------------------
// Generated diagrams (fast-check)

const NAMES = [
  'A', 'B', 'C', 'Alice', 'Bob', 'Web Server', 'API-Gateway', 'end-user', 'Loop', 'x-ray', 'db.main', 'Note', '1', '1a', 'Éva', 'ユーザー', 'A B', 'Bob_2', 'links', 'link', 'title',
  'a#b', 'a%b', 'as', 'AS', 'create', '(x)', 'a/b', 'a\\b', 'a(b)', 'box', 'Endpoint', 'alt', 'Option', 'participant', 'A--B', 'A-xB', 'A-', '-A', 'A B as C', 'A;B', 'A,B', 'A:B', 'A<B',
  '"A"', "A'", 'A@B', 'sequenceDiagram', 'over', 'left of', 'right', 'autonumber', 'off', '.5', '2 ', 'a()', 'a+b', 'a>b', 'Server 1', 'Svc.v2', 'über', '👩‍💻 Dev', 'A\u00a0B', 'activate', '%%', 'A%%',
];
const TEXTS = [
  'hi', 'hello world', '', ' ', 'a; b', 'x # y', 'x %% y', '50% done', 'I #9829; you', '#quot;q#quot;', '<br/>line', 'wrap:long text', 'nowrap:x', 'ünïcödé', 'a: b', 'A->>B: x', 'end',
  '{"a": "b"}', 'x @ https://e.com', 'a,b', '()', '+', '-', '\t tab', 'x;', 'style x:#fff;', '<a href="x">l</a>',
];
const GEN_ARROWS = [...ARROWS, ...HALF_ARROWS, '->>>', '=>', '- >', '--', '---', '-', '>>', '<-', '<<-', '<->', '-X', '<<->', '<-->>', '-->>>', '~>'];

const GOOD_NAMES = ['A', 'B', 'C', 'Alice', 'Bob', 'Web Server', 'db.main'];
const GOOD_TEXTS = ['hi', 'hello world', '', 'x # y', 'I #9829; you', '<br/>line', 'ünïcödé'];
const BLOCKS = ['loop', 'opt', 'rect', 'break', 'alt', 'par', 'par_over', 'critical', 'box'];
const SECTION: Record<string, string> = { alt: 'else', par: 'and', par_over: 'and', critical: 'option' };

/**
 * Sequence diagrams from a grammar of statements. `noisy` mixes in near
 * misses (odd names, bad arrows, missing colons, stray ends, wrong section
 * keywords); without it the diagrams are mostly valid, so that many reach the
 * interesting question (does mermaid agree with a true?).
 */
function diagrams(noisy: boolean): fc.Arbitrary<string> {
  const choose = <T>(good: readonly T[], all: readonly T[]): fc.Arbitrary<T> =>
    noisy ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...all) }) : fc.constantFrom(...good);
  const name = choose(GOOD_NAMES, NAMES);
  const text = choose(GOOD_TEXTS, TEXTS);
  const arrow = choose([...ARROWS, ...HALF_ARROWS], GEN_ARROWS);
  const space = fc.constantFrom('', ' ', '  ', '\t');
  const keyword = (w: string): fc.Arbitrary<string> => fc.constantFrom(w, w, w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1));
  const connection = fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.constant(''), choose(['', '', '', '', '', '+', '-', '()', ' +', '- '], ['+()', '()+', '++'])) },
    { weight: 1, arbitrary: fc.tuple(fc.constant('()'), choose(['', '()'], ['+', '-'])) },
  );
  const message = fc
    .tuple(space, name, space, connection, arrow, space, name, space, choose([':', ' :'], ['', ';', ',']), text)
    .map(([s0, a, s1, [pre, act], ar, s2, b, s3, colon, t]) => `${s0}${a}${s1}${pre}${ar}${act}${s2}${b}${s3}${colon}${colon.includes(':') ? t : ''}`);
  const metadata = choose(
    ['', '', '', '', '', '', '', '@{ "type": "queue" }', '@{ type: database }', '@{"type":"boundary", "alias": "X"}', ' @{ "type": "control" }', "@{ 'type': 'entity' }", '@{ }'],
    ['@{ "type": "a", "type": "b" }', '@{}', '@{ "type": [1 }', '@{ type:x }', '@{ "a": "b" } x', '@{\n"type": "queue"\n}'],
  );
  const declaration = fc
    .tuple(
      space,
      fc.constantFrom('', '', '', 'create '),
      keyword('participant').chain((p) => fc.constantFrom(p, 'actor', 'Actor')),
      choose([' ', '  '], ['', '\t', '\u00a0']),
      name,
      metadata,
      choose(['', '', '', ' as Alias', ' as  The Alias #c', ' as', ' AS x', ' as wrap:w'], [' as\nB', ' as;', ' as #c']),
      choose(['', '', '', '', ' #c', ' ', ';'], [':', ' x', '@']),
    )
    .map((parts) => parts.join(''));
  const simple = fc.oneof(
    { weight: 10, arbitrary: message },
    { weight: 4, arbitrary: declaration },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('activate', 'deactivate', 'Activate', 'destroy'), choose([' ', '  '], ['', '\t']), name, choose(['', ' ', ' #x'], [' as y', ':', ';x'])).map((p) => p.join('')) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(keyword('note'), choose([' left of ', ' right of ', ' over '], [' left  of ', ' leftof ', ' ']), name, choose(['', '', ',', ', ', ' , '], [',,', ';']), name, choose([':'], ['', ';']), text)
        .map(([n, placement, a, comma, b, colon, t]) => {
          const second = comma && (noisy || placement === ' over ') ? comma + b : '';
          return `${n}${placement}${a}${second}${colon}${colon === ':' ? t : ''}`;
        }),
    },
    { weight: 1, arbitrary: choose(['autonumber', 'autonumber 10', 'autonumber 10 5', 'autonumber off', 'autonumber 1.5 2', 'autonumber .5'], ['autonumber ', 'autonumber 10 ', 'autonumber x', 'autonumber 1.234', 'autonumber 1 2 3']) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(choose(['title ', 'title: ', 'Title ', 'accTitle: ', 'accTitle : ', 'accDescr: ', 'accDescr {\n', 'accDescr{'], ['title', 'title:', 'accDescr {']), text)
        .map(([k, t]) => (k.startsWith('accDescr {\n') || k === 'accDescr{' ? `${k}${t}\n}` : `${k}${t}`)),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('links', 'link', 'properties', 'details'), choose([' ', '\t'], ['']), name, choose([': ', ':'], [' ']), text).map((p) => p.join('')) },
    { weight: 1, arbitrary: fc.constantFrom('%% comment', '  %% c', '%%', '# hash comment', '', '   ', ';') },
    ...(noisy
      ? [{ weight: 1, arbitrary: fc.constantFrom('end', 'else', 'and', 'option x', '%%{init: {}}%%', 'sequenceDiagram', '<', ')', '---', 'create participant A', 'create actor Bob', 'destroy A', 'destroy Bob') }]
      : []),
  );
  const body: fc.Memo<string> = fc.memo((depth) =>
    fc.array(depth <= 1 ? simple : fc.oneof({ weight: 5, arbitrary: simple }, { weight: 1, arbitrary: block(depth - 1) }), { maxLength: 6 }).map((xs) => xs.join('\n')),
  );
  function block(depth: number): fc.Arbitrary<string> {
    return fc
      .tuple(
        fc.constantFrom(...BLOCKS),
        fc.constantFrom('', ' label', ' rgb(0,0,0)', ' Aqua Team', ' #c', ' x;y'),
        body(depth),
        fc.array(body(depth), { maxLength: 2 }),
        choose(['end', '  end  ', 'END'], ['', 'end\nend', 'end x']),
        noisy ? fc.constantFrom(false, false, false, true) : fc.constant(false),
      )
      .map(([b, label, inner, sections, end, wrong]) => {
        if (b === 'box') {
          const lines = inner.split('\n');
          return `box${label}\n${(wrong ? lines : lines.filter((l) => /participant|actor/i.test(l))).join('\n')}\n${end}`;
        }
        const section = wrong ? 'else' : SECTION[b];
        const rest = section ? sections.map((x) => `${section} s\n${x}`).join('\n') : wrong && sections.length > 0 ? `and x\n${sections[0]}` : '';
        return `${b}${label}\n${inner}${rest ? '\n' + rest : ''}\n${end}`;
      });
  }
  const header = choose(
    ['sequenceDiagram\n', '  sequenceDiagram\n', 'sequenceDiagram  \n', '%% c\nsequenceDiagram\n', 'sequenceDiagram;', 'sequenceDiagram\r\n', '---\ntitle: T\n---\nsequenceDiagram\n',
      '---\nconfig:\n  theme: dark\n  sequence:\n    mirrorActors: true\n---\nsequenceDiagram\n'],
    ['SequenceDiagram\n', '---\ntitle: a: b\n---\nsequenceDiagram\n', 'sequenceDiagramX\n', 'sequenceDiagram ', '---\nconfig:\n  sequence:\n---\nsequenceDiagram\n'],
  );
  return fc.tuple(header, body(3), fc.constantFrom('\n', ';', '\n\n', '\r\n')).map(([h, b, sep]) => h + b.split('\n').join(sep));
}

describe('acceptsSequence on generated diagrams (fast-check)', () => {
  it('is true only when mermaid accepts', async () => {
    let fastAccepted = 0;
    let mermaidAccepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(diagrams(false), diagrams(true)), async (text) => {
        const [fast, ok] = await check(text);
        if (fast) fastAccepted++;
        if (ok) mermaidAccepted++;
      }),
      { numRuns: RUNS, seed: SEED * 7919 },
    );
    console.log(`acceptsSequence generated diagrams: ${mermaidAccepted} accepted by mermaid, ${fastAccepted} of them by acceptsSequence`);
    expect(fastAccepted).toBeGreaterThan(0);
  }, Math.max(600_000, RUNS * 100));
});
