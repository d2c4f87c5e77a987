import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { createFormatContext } from '../../src/report/index.js';
import { escapeXmlAttribute, escapeXmlText, formatJunit } from '../../src/report/junit.js';
import { diag, find, linted, result } from './helpers.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', htmlEntities: true, isArray: (name) => ['testsuite', 'testcase'].includes(name) });

interface Parsed {
  testsuites: {
    '@tests': string;
    '@failures': string;
    testsuite: { '@name': string; '@tests': string; '@failures': string; testcase: { '@name': string; failure?: { '#text': string; '@message': string; '@type': string } }[] }[];
  };
}

function parse(xml: string): Parsed {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Parsed;
}

describe('junit', () => {
  test('escapes text and attributes; drops what XML cannot hold', () => {
    expect(escapeXmlText('a < b && c > "d"')).toBe('a &lt; b &amp;&amp; c &gt; "d"');
    expect(escapeXmlAttribute(`"it's" <x>\n\t&`)).toBe('&quot;it&apos;s&quot; &lt;x&gt;&#10;&#9;&amp;');
    expect(escapeXmlText('nul\u0000 esc\u001b ffff\uffff lone\ud800!')).toBe('nul\\u0000 esc\\u001b ffff\\uffff lone\\ud800!');
    expect(escapeXmlText('pair 😀 ok')).toBe('pair 😀 ok');
  });

  test('one suite per file, one failing case per finding, a passing case for a clean file', async () => {
    const { results } = await linted();
    const xml = formatJunit(results, createFormatContext());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="mermaid-lint" tests="4" failures="3"')).toBe(true);
    const doc = parse(xml);
    const [a, clean] = doc.testsuites.testsuite;
    expect(a!['@name']).toBe('docs/a.md');
    expect(a!['@tests']).toBe('3');
    expect(a!.testcase.map((c) => c.failure?.['@type'])).toEqual(['encoding-damage', 'diagram-syntax', 'lint-directive']);
    expect(a!.testcase[1]!.failure!['@message']).toBe('Unexpected end of input after a link; expected a node id');
    expect(a!.testcase[1]!.failure!['#text']).toBe('error: Unexpected end of input after a link; expected a node id (diagram-syntax) at docs/a.md:8:8');
    expect(clean!['@failures']).toBe('0');
    expect(clean!.testcase).toHaveLength(1);
    expect(clean!.testcase[0]!.failure).toBeUndefined();
  });

  test('a small report, exactly', () => {
    const text = 'x\n';
    expect(formatJunit([result('/repo/a.md', [diag('r', 'warning', 'Use <b> & "c"', find(text, 'x'))])], createFormatContext({ cwd: '/repo' }))).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="mermaid-lint" tests="1" failures="1" errors="0" time="0">',
        '  <testsuite name="a.md" tests="1" failures="1" errors="0" skipped="0" time="0">',
        '    <testcase classname="a.md" name="r at 1:1" file="a.md" line="1" time="0">',
        '      <failure message="Use &lt;b&gt; &amp; &quot;c&quot;" type="r">warning: Use &lt;b&gt; &amp; "c" (r) at a.md:1:1</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  test('hostile messages and paths still make well-formed XML that parses back to the same text', () => {
    const text = 'x\n';
    const message = `]]> <![CDATA[ </failure> "q" 'a' & \u0007 line\nbreak`;
    const xml = formatJunit([result('/repo/<a&b>.md', [diag('r&r', 'error', message, find(text, 'x'))])], createFormatContext({ cwd: '/repo' }));
    const doc = parse(xml);
    const suite = doc.testsuites.testsuite[0]!;
    expect(suite['@name']).toBe('<a&b>.md');
    const failure = suite.testcase[0]!.failure!;
    expect(failure['@type']).toBe('r&r');
    expect(failure['@message']).toBe(message.replace('\u0007', '\\u0007'));
    expect(failure['#text']).toBe(`error: ${message.replace('\u0007', '\\u0007')} (r&r) at <a&b>.md:1:1`);
  });

  test('no results is an empty, valid report', () => {
    const xml = formatJunit([], createFormatContext());
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<testsuites name="mermaid-lint" tests="0" failures="0" errors="0" time="0">\n</testsuites>');
  });
});
