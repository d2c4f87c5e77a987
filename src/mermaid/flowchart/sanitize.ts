/**
 * An approximation of what mermaid's label sanitiser (DOMPurify under jsdom, default
 * `strict` security level) stores for a label: text without `<` is kept as it is; other
 * text is parsed as an HTML fragment, unsafe elements and attributes are dropped, and the
 * fragment is serialised again (`&` → `&amp;`, `<br/>` → `<br>`, ...).
 */

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
    'translate type usemap valign value width wrap xmlns slot'
  ).split(' '),
);
const URI_ATTRS = new Set(['href', 'src', 'xlink:href', 'action', 'background', 'poster', 'cite', 'formaction']);
const IS_ALLOWED_URI = /^(?:(?:(?:f|ht)tps?|mailto|tel|callto|sms|cid|xmpp|matrix):|[^a-z]|[a-z+.\-]+(?:[^a-z+.\-:]|$))/i;
// eslint-disable-next-line no-control-regex
const ATTR_WHITESPACE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);?/g, (m, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return '\ufffd';
      return String.fromCodePoint(code);
    }
    const v = NAMED[body];
    return v === undefined || !m.endsWith(';') && body !== 'amp' && body !== 'lt' && body !== 'gt' ? (v ?? m) : v;
  });
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
    attrs.push({ name, value: decodeEntities(m[2] ?? m[3] ?? m[4] ?? '') });
  }
  return attrs;
}

function sanitizeOnce(input: string): string {
  let out = '';
  const stack: string[] = [];
  let i = 0;
  const n = input.length;
  let text = '';
  const flushText = () => {
    if (text) {
      out += escapeText(decodeEntities(text));
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
      if (!FORBID_CONTENTS.has(name) && name === 'textarea') out += '<textarea>' + escapeText(content) + '</textarea>';
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
      if (name === 'a' && a.name === 'target') {
        target = a.value;
        continue;
      }
      if (a.name.startsWith('on')) continue;
      const allowed = ALLOWED_ATTRS.has(a.name) || /^data-[\w.\u00B7-\uFFFF-]+$/.test(a.name) || /^aria-[\w-]+$/.test(a.name);
      if (!allowed) continue;
      if (URI_ATTRS.has(a.name) && !IS_ALLOWED_URI.test(a.value.replace(ATTR_WHITESPACE, ''))) continue;
      kept.push(a);
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
