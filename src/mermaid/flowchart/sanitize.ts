/**
 * An approximation of what mermaid's label sanitiser (DOMPurify under jsdom, default
 * `strict` security level) stores for a label: text without `<` is kept as it is; other
 * text is parsed as an HTML fragment, unsafe elements and attributes are dropped, and the
 * fragment is serialised again (`&` → `&amp;`, `<br/>` → `<br>`, ...). Character references
 * are decoded as the HTML tokenizer does; attributes are filtered with DOMPurify's default
 * allow-list and value checks. Not reproduced: DOMPurify's DOM-clobbering check (an `id` or
 * `name` whose value is a property of `document`, such as `body`, is dropped by mermaid),
 * and mermaid configurations that change the sanitiser (`htmlLabels`, `dompurifyConfig`).
 */

import { DecodingMode, decodeHTML, decodeHTMLAttribute } from 'entities';

const ALLOWED_TAGS = new Set(
  (
    'a abbr acronym address area article aside b bdi bdo big blink blockquote body br button canvas caption ' +
    'center cite code col content data datalist dd decorator del details dfn dialog dir div dl dt element em ' +
    'fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 header hgroup hr html i img input ins kbd ' +
    'label legend li main map mark marquee menu menuitem meter nav nobr ol optgroup option output p picture pre ' +
    'progress q rp rt ruby s samp section select shadow small source spacer span strike strong sub summary sup ' +
    'table tbody td textarea tfoot th tr track tt u ul var wbr'
  ).split(' '),
);
const FORBID_CONTENTS = new Set(
  (
    'annotation-xml audio colgroup desc foreignobject head iframe math mi mn mo ms mtext noembed noframes ' +
    'noscript plaintext script style svg template thead title video xmp'
  ).split(' '),
);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** DOMPurify 3.4's default attribute allow-list: HTML, SVG, MathML and XML attributes, on any allowed element. */
const ALLOWED_ATTRS = new Set(
  (
    'accept action align alt autocapitalize autocomplete autopictureinpicture autoplay background bgcolor border ' +
    'capture cellpadding cellspacing checked cite class clear color cols colspan controls controlslist coords ' +
    'crossorigin datetime decoding default dir disabled disablepictureinpicture disableremoteplayback download ' +
    'draggable enctype enterkeyhint face for headers height hidden high href hreflang id inputmode integrity ismap ' +
    'kind label lang list loading loop low max maxlength media method min minlength multiple muted name nonce ' +
    'noshade novalidate nowrap open optimum pattern placeholder playsinline popover popovertarget ' +
    'popovertargetaction poster preload pubdate radiogroup readonly rel required rev reversed role rows rowspan ' +
    'spellcheck scope selected shape size sizes span srclang start src srcset step style summary tabindex title ' +
    'translate type usemap valign value width wrap xmlns slot ' +
    'command commandfor exportparts inert part ' +
    // SVG
    'accent-height accumulate additive alignment-baseline amplitude ascent attributename attributetype azimuth ' +
    'basefrequency baseline-shift begin bias by clip clippathunits clip-path clip-rule color-interpolation ' +
    'color-interpolation-filters color-profile color-rendering cx cy d dx dy diffuseconstant direction display divisor ' +
    'dominant-baseline dur edgemode elevation end exponent fill fill-opacity fill-rule filter filterunits flood-color ' +
    'flood-opacity font-family font-size font-size-adjust font-stretch font-style font-variant font-weight fx fy g1 g2 ' +
    'glyph-name glyphref gradientunits gradienttransform image-rendering in in2 intercept k k1 k2 k3 k4 kerning ' +
    'keypoints keysplines keytimes lengthadjust letter-spacing kernelmatrix kernelunitlength lighting-color local ' +
    'marker-end marker-mid marker-start markerheight markerunits markerwidth maskcontentunits maskunits mask mask-type ' +
    'mode numoctaves offset operator opacity order orient orientation origin overflow paint-order path pathlength ' +
    'patterncontentunits patterntransform patternunits pointer-events points preservealpha preserveaspectratio ' +
    'primitiveunits r rx ry radius refx refy repeatcount repeatdur restart result rotate scale seed shape-rendering ' +
    'slope specularconstant specularexponent spreadmethod startoffset stddeviation stitchtiles stop-color stop-opacity ' +
    'stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit stroke-opacity stroke ' +
    'stroke-width surfacescale systemlanguage tablevalues targetx targety transform transform-origin text-anchor ' +
    'text-decoration text-orientation text-rendering textlength u1 u2 unicode values vector-effect viewbox visibility ' +
    'version vert-adv-y vert-origin-x vert-origin-y word-spacing writing-mode xchannelselector ychannelselector x x1 ' +
    'x2 y y1 y2 z zoomandpan ' +
    // MathML
    'accent accentunder bevelled close columnalign columnlines columnspacing columnspan denomalign depth displaystyle ' +
    'encoding fence frame largeop length linethickness lquote lspace mathbackground mathcolor mathsize mathvariant ' +
    'maxsize minsize movablelimits notation numalign rowalign rowlines rowspacing rspace rquote scriptlevel ' +
    'scriptminsize scriptsizemultiplier selection separator separators stretchy subscriptshift supscriptshift ' +
    'symmetric voffset ' +
    // XML
    'xlink:href xml:id xlink:title xml:space xmlns:xlink'
  ).split(' '),
);
/** Attributes whose values DOMPurify does not check as URIs (every other allowed one is). */
const URI_SAFE_ATTRS = new Set(['alt', 'class', 'for', 'id', 'label', 'name', 'pattern', 'placeholder', 'role', 'summary', 'title', 'value', 'style', 'xmlns']);
const DATA_URI_TAGS = new Set(['audio', 'video', 'img', 'source', 'image', 'track']);
const IS_ALLOWED_URI = /^(?:(?:(?:f|ht)tps?|mailto|tel|callto|sms|cid|xmpp|matrix):|[^a-z]|[a-z+.\-]+(?:[^a-z+.\-:]|$))/i;
const ATTR_VALUE_BREAKOUT = /((--!?|])>)|<\/(style|script|title|xmp|textarea|noscript|iframe|noembed|noframes)/i;
// eslint-disable-next-line no-control-regex
const ATTR_WHITESPACE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;

/**
 * Character references decoded the way the HTML tokenizer does (parse5, which jsdom uses,
 * decodes with `entities`; browsers follow the same rules): the full HTML5 named reference
 * table, the longest match wins, legacy names also match without `;` (`&notit;` → `¬it;`),
 * numeric references are remapped (C1 controls to windows-1252, invalid ones to U+FFFD).
 * In attribute values a legacy match without `;` followed by `=` or an alphanumeric stays
 * as written.
 */
function decodeText(s: string): string {
  return s.indexOf('&') < 0 ? s : decodeHTML(s, DecodingMode.Legacy);
}
function decodeAttr(s: string): string {
  return s.indexOf('&') < 0 ? s : decodeHTMLAttribute(s);
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/\u00a0/g, '&nbsp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/\u00a0/g, '&nbsp;').replace(/"/g, '&quot;');
}

interface Attr {
  name: string;
  value: string;
}

function parseAttrs(src: string): Attr[] {
  const attrs: Attr[] = [];
  const re = /([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    const name = (m[1] ?? '').toLowerCase();
    if (attrs.some((a) => a.name === name)) continue;
    attrs.push({ name, value: decodeAttr(m[2] ?? m[3] ?? m[4] ?? '') });
  }
  return attrs;
}

/**
 * DOMPurify's `_isValidAttribute` with the default configuration (its DOM-clobbering check
 * of `id`/`name` values against the document's properties is not reproduced).
 */
function isValidAttribute(tag: string, name: string, value: string): boolean {
  if (name === 'patchsrc' || (name === 'for' && tag !== 'label' && tag !== 'output')) return false;
  if (/^data-[\w.\u00B7-\uFFFF-]+$/.test(name) || /^aria-[\w-]+$/.test(name)) return true;
  if (!ALLOWED_ATTRS.has(name)) return false;
  if (URI_SAFE_ATTRS.has(name)) return true;
  if (IS_ALLOWED_URI.test(value.replace(ATTR_WHITESPACE, ''))) return true;
  if ((name === 'src' || name === 'xlink:href' || name === 'href') && value.startsWith('data:') && DATA_URI_TAGS.has(tag)) return true;
  return !value;
}

function sanitizeOnce(input: string): string {
  let out = '';
  const stack: string[] = [];
  let i = 0;
  const n = input.length;
  let text = '';
  const flushText = () => {
    if (text) {
      out += escapeText(decodeText(text));
      text = '';
    }
  };
  let skipDepth = 0; // inside forbidden-content elements
  while (i < n) {
    const lt = input.indexOf('<', i);
    if (lt < 0) {
      if (!skipDepth) text += input.slice(i);
      break;
    }
    if (!skipDepth) text += input.slice(i, lt);
    const c = input.charCodeAt(lt + 1);
    const isAlpha = (x: number) => (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
    if (input.startsWith('<!--', lt)) {
      const e = input.indexOf('-->', lt + 4);
      i = e < 0 ? n : e + 3;
      continue;
    }
    if (c === 47 /* / */ && isAlpha(input.charCodeAt(lt + 2))) {
      const e = input.indexOf('>', lt);
      if (e < 0) break;
      const name = /^[^\s/>]+/.exec(input.slice(lt + 2, e))?.[0].toLowerCase() ?? '';
      i = e + 1;
      if (skipDepth) continue;
      flushText();
      if (name === 'br') {
        out += '<br>';
        continue;
      }
      const k = stack.lastIndexOf(name);
      if (k >= 0) {
        while (stack.length > k) out += '</' + (stack.pop() as string) + '>';
      }
      continue;
    }
    if (!isAlpha(c)) {
      if (!skipDepth) text += '<';
      i = lt + 1;
      continue;
    }
    // start tag
    let e = lt + 1;
    let quote = 0;
    while (e < n) {
      const d = input.charCodeAt(e);
      if (quote) {
        if (d === quote) quote = 0;
      } else if (d === 34 || d === 39) {
        // quotes only matter inside attribute values
        const prev = input.slice(lt, e).trimEnd();
        if (prev.endsWith('=')) quote = d;
      } else if (d === 62) break;
      e++;
    }
    if (e >= n) break; // unterminated tag: dropped with the rest
    const inner = input.slice(lt + 1, e);
    const nameMatch = /^[^\s/>]+/.exec(inner);
    const name = (nameMatch?.[0] ?? '').toLowerCase();
    i = e + 1;
    if (skipDepth) continue;
    flushText();
    if (RAW_TEXT.has(name)) {
      const close = input.toLowerCase().indexOf('</' + name, i);
      const after = close < 0 ? n : input.indexOf('>', close);
      const content = input.slice(i, close < 0 ? n : close);
      i = after < 0 ? n : after + 1;
      // textarea is RCDATA: character references are decoded, tags are not
      if (!FORBID_CONTENTS.has(name) && name === 'textarea') out += '<textarea>' + escapeText(decodeText(content)) + '</textarea>';
      continue;
    }
    if (!ALLOWED_TAGS.has(name)) {
      if (FORBID_CONTENTS.has(name) && !VOID.has(name)) {
        // drop until the matching end tag
        const close = input.toLowerCase().indexOf('</' + name, i);
        const after = close < 0 ? n : input.indexOf('>', close);
        i = after < 0 ? n : after + 1;
      }
      continue;
    }
    const attrs = parseAttrs(inner.slice(name.length));
    const kept: Attr[] = [];
    let target: string | undefined;
    for (const a of attrs) {
      // DOMPurify trims every value but `value`'s, and drops values that could break out of markup
      const value = a.name === 'value' ? a.value : a.value.trim();
      if (ATTR_VALUE_BREAKOUT.test(value) || (a.name === 'attributename' && value.includes('href'))) continue;
      if (name === 'a' && a.name === 'target') {
        // mermaid's hook keeps it aside in a data- attribute (checked like one) and puts it back
        target = value;
        continue;
      }
      if (isValidAttribute(name, a.name, value)) kept.push({ name: a.name, value });
    }
    if (target !== undefined) {
      // mermaid's hooks put `target` back (at the end) and add rel="noopener" for _blank
      kept.push({ name: 'target', value: target });
      if (target === '_blank') {
        const rel = kept.find((a) => a.name === 'rel');
        if (rel) rel.value = 'noopener';
        else kept.push({ name: 'rel', value: 'noopener' });
      }
    }
    out += '<' + name + kept.map((a) => ' ' + a.name + '="' + escapeAttr(a.value) + '"').join('') + '>';
    if (!VOID.has(name)) stack.push(name);
  }
  flushText();
  while (stack.length) out += '</' + (stack.pop() as string) + '>';
  return out;
}

/** mermaid's `sanitizeText` with the default configuration. */
export function sanitizeText(text: string): string {
  if (!text || text.indexOf('<') < 0) return text;
  const once = sanitizeOnce(text);
  return once.indexOf('<') < 0 ? once : sanitizeOnce(once);
}
