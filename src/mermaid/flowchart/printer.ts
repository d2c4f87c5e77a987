/**
 * Canonical Mermaid text for a flowchart graph: `printFlowchart(graph)` writes a text from
 * which mermaid 12.3.0 (and `parseFlowchart`) build the same graph — the same vertices in
 * the same order with the same labels, shapes and classes, the same edges, subgraphs with
 * the same members, class definitions, styles, link styles, clicks and tooltips.
 *
 * Layout of the printed text (every statement on its own line, 4-space indentation):
 *
 * 1. front matter with the title, the header `flowchart <dir>`, `accTitle`/`accDescr`;
 * 2. `click` statements that must run before their node exists (tooltips only);
 * 3. one declaration per vertex, in the graph's vertex order (mermaid's vertex order is the
 *    order of first mention, so declaring every vertex first fixes it);
 * 4. subgraphs, nested, each body listing its members by bare id in the graph's member
 *    order (membership only depends on where a node is mentioned inside a subgraph, and a
 *    bare mention of an existing node changes nothing else); a subgraph id used twice
 *    (mermaid merges the members into the first) is printed as two blocks again; when a
 *    member is an edge id, the subgraphs come after the edges;
 * 5. one edge per line in the graph's edge order (so generated edge ids and `linkStyle`
 *    indices are the graph's own), then `@{ ... }` data of animated edges;
 * 6. `classDef`, `class` (and `click`, which adds the class `clickable`), `style`,
 *    `linkStyle`, `linkStyle default`.
 *
 * Labels are printed bare when the bracket syntax allows it, in `"..."` when they hold
 * characters that would end or break the brackets, as "`...`" when they are markdown, and
 * through `@{ label: "..." }` when no bracket form gives back the stored text (leading or
 * trailing blanks, `"` characters). Entity placeholders that mermaid stores (`ﬂ°quot¶ß`,
 * `ﬂ°°9829¶ß`) are printed as the entity codes they came from (`#quot;`, `#9829;`).
 * Ids are printed as they are (mermaid has no quoting for ids); `click`, `call` and `href`
 * get an empty `@{ }` where a blank would follow them.
 */
import { sanitizeText } from './sanitize.js';
import type { FlowEdge, FlowGraph, FlowSubgraph, FlowVertex } from './types.js';

export interface PrintFlowchartOptions {
  /** Header keyword: `flowchart` (default), `graph` or `flowchart-elk`. */
  keyword?: 'flowchart' | 'graph' | 'flowchart-elk';
  /** Indentation unit, 4 spaces by default. */
  indent?: string;
  /** Line separator, `\n` by default. */
  newline?: string;
}

/** Bracket shapes: `[open, close]` for each classic shape name mermaid stores. */
const BRACKETS: Readonly<Record<string, readonly [string, string]>> = {
  square: ['[', ']'],
  round: ['(', ')'],
  circle: ['((', '))'],
  doublecircle: ['(((', ')))'],
  ellipse: ['(-', '-)'],
  stadium: ['([', '])'],
  subroutine: ['[[', ']]'],
  cylinder: ['[(', ')]'],
  diamond: ['{', '}'],
  hexagon: ['{{', '}}'],
  odd: ['>', ']'],
  trapezoid: ['[/', '\\]'],
  inv_trapezoid: ['[\\', '/]'],
  lean_right: ['[/', '/]'],
  lean_left: ['[\\', '\\]'],
};

/** Entity placeholders as mermaid stores them → the entity codes they were written as. */
export function restoreEntities(s: string): string {
  if (s.indexOf('\ufb02\u00b0') < 0) return s;
  return s.replace(/\ufb02\u00b0\u00b0(\d+)\u00b6\u00df/g, '#$1;').replace(/\ufb02\u00b0(\w+)\u00b6\u00df/g, '#$1;');
}

/** Characters that end or open something inside a bracket/pipe label. */
const LABEL_BREAKERS = /[[\](){}|"]|~~~/;

type LabelForm = { kind: 'bare' | 'quoted' | 'markdown'; text: string } | null;

/**
 * How a stored label can be written inside brackets or pipes so that mermaid stores the
 * same text again; `null` when no bracket form can (then `@{ label }` is used).
 */
function labelForm(stored: string, markdown: boolean, open = '['): LabelForm {
  const text = restoreEntities(stored);
  // brackets trim the label, so outer blanks cannot come back; an inner `"` cannot be written;
  // bracket labels are sanitised, so one from `@{ label }` that sanitising changes cannot either
  if (text !== text.trim() || text.includes('"') || sanitizeText(stored) !== stored) return null;
  if (markdown) return text.includes('`') ? null : { kind: 'markdown', text: text === '' ? ' ' : text };
  if (text === '') return { kind: 'quoted', text: ' ' };
  if (LABEL_BREAKERS.test(text)) return { kind: 'quoted', text };
  // glued to the opening bracket, these would make another shape: `[/` `[\\` `(-`
  if (open === '[' && /^[/\\]/.test(text)) return { kind: 'quoted', text };
  if (open.endsWith('(') && text.startsWith('-')) return { kind: 'quoted', text };
  // after `id>` nothing stops mermaid's edge-id token (`AS1>a@b` reads as the edge id `AS1>a@`)
  if (open === '>' && text.includes('@')) return { kind: 'quoted', text };
  return { kind: 'bare', text };
}

function renderLabel(f: NonNullable<LabelForm>): string {
  switch (f.kind) {
    case 'bare':
      return f.text;
    case 'quoted':
      return `"${f.text}"`;
    case 'markdown':
      return '"`' + f.text + '`"';
  }
}

/** A YAML double-quoted scalar that the shape-data lexer passes through unchanged. */
function yamlString(s: string): string {
  return (
    '"' +
    restoreEntities(s)
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\x22')
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r')
      .replace(/\t/g, '\\t') +
    '"'
  );
}

const TITLE_KEYWORD = /^(?:end|v|style|default|linkStyle|interpolate|classDef|class|click|href|call|graph|flowchart|subgraph|direction|accTitle|accDescr|_self|_blank|_parent|_top)/;

/** A subgraph title or id that can be written without quotes after `subgraph `. */
function plainSubgraphText(s: string): boolean {
  if (!/^[A-Za-z0-9_]+(?:[-.][A-Za-z0-9_]+)*(?: [A-Za-z0-9_]+(?:[-.][A-Za-z0-9_]+)*)*$/.test(s)) return false;
  return !s.split(' ').some((w) => TITLE_KEYWORD.test(w) || /^[ox]$/.test(w));
}

/**
 * An id as a node reference followed by a blank or a line end. `click`, `call` and `href`
 * followed by a blank start other statements, so they get an empty `@{ }`, which changes
 * nothing.
 */
function nodeRef(id: string): string {
  return id === 'click' || id === 'call' || id === 'href' ? `${id}@{ }` : id;
}

/** Edge operator for a type, stroke and length (`-->`, `---`, `-.->`, `==>`, `~~~`, `<-->`, ...). */
export function edgeOperator(e: Pick<FlowEdge, 'type' | 'stroke' | 'length'>): string {
  const n = Math.max(1, Math.min(10, Number.isFinite(e.length) ? e.length : 1));
  let head = '';
  let tail = '';
  switch (e.type) {
    case 'arrow_point':
      head = '>';
      break;
    case 'arrow_cross':
      head = 'x';
      break;
    case 'arrow_circle':
      head = 'o';
      break;
    case 'double_arrow_point':
      head = '>';
      tail = '<';
      break;
    case 'double_arrow_cross':
      head = 'x';
      tail = 'x';
      break;
    case 'double_arrow_circle':
      head = 'o';
      tail = 'o';
      break;
    default:
      head = '';
  }
  switch (e.stroke) {
    case 'thick':
      return tail + (head ? '='.repeat(n + 1) + head : '='.repeat(n + 2));
    case 'dotted':
      return tail + '-' + '.'.repeat(n) + '-' + head;
    case 'invisible':
      return '~'.repeat(n + 2);
    default:
      return tail + (head ? '-'.repeat(n + 1) + head : '-'.repeat(n + 2));
  }
}

interface Target {
  id: string;
  classes: string[];
  /** Index into `classes` of the `clickable` added by this target's `click` statement. */
  clickSlot: number;
  click?: string;
}

export function printFlowchart(graph: FlowGraph, options: PrintFlowchartOptions = {}): string {
  const ind = options.indent ?? '    ';
  const nl = options.newline ?? '\n';
  const out: string[] = [];
  const line = (depth: number, s: string): void => {
    out.push(ind.repeat(depth) + s);
  };

  // ---------------------------------------------------------------- header
  if (graph.title !== undefined) {
    const t = graph.title;
    const plain = /^[A-Za-z0-9_][A-Za-z0-9_ ,.!?()'/-]*$/.test(t) && !/\s$/.test(t);
    out.push('---', `title: ${plain ? t : JSON.stringify(t)}`, '---');
  }
  out.push(`${options.keyword ?? 'flowchart'} ${graph.direction ?? 'TB'}`);
  if (graph.accTitle !== null && graph.accTitle !== '') line(1, `accTitle: ${restoreEntities(graph.accTitle)}`);
  if (graph.accDescr !== null && graph.accDescr !== '') {
    const d = restoreEntities(graph.accDescr);
    if (d.includes('\n') || /^[\s;#]/.test(d)) {
      line(1, 'accDescr {');
      for (const l of d.split('\n')) line(2, l);
      line(1, '}');
    } else {
      line(1, `accDescr: ${d}`);
    }
  }

  const vertexById = new Map<string, FlowVertex>();
  for (const v of graph.vertices) if (!vertexById.has(v.id)) vertexById.set(v.id, v);

  // ---------------------------------------------------------------- clicks and classes
  const tooltip = (id: string): string | undefined =>
    Object.prototype.hasOwnProperty.call(graph.tooltips, id) ? graph.tooltips[id] : undefined;
  const clickFor = (id: string, v: FlowVertex | undefined): string => {
    const tip = tooltip(id);
    const tipPart = tip !== undefined ? ` "${restoreEntities(tip)}"` : '';
    if (v?.link !== undefined && v.link !== '') {
      return `click ${id} href "${restoreEntities(v.link)}"${tipPart}${v.linkTarget ? ' ' + v.linkTarget : ''}`;
    }
    return `click ${id} callback${tipPart}`;
  };
  const targets: Target[] = [];
  const firstClass = new Map<string, string>();
  const earlyClicks: string[] = [];
  for (const v of graph.vertices) {
    const needsClick = (v.link !== undefined && v.link !== '') || tooltip(v.id) !== undefined;
    const slot = needsClick ? v.classes.indexOf('clickable') : -1;
    const t: Target = { id: v.id, classes: v.classes, clickSlot: slot };
    if (slot >= 0) t.click = clickFor(v.id, v);
    else if (needsClick && tooltip(v.id) !== undefined) earlyClicks.push(clickFor(v.id, undefined));
    // the first class goes on the declaration as `:::name`
    if (v.classes.length > 0 && slot !== 0 && plainClassName(v.classes[0] ?? '')) firstClass.set(v.id, v.classes[0] ?? '');
    targets.push(t);
  }
  for (const id of Object.keys(graph.tooltips)) {
    if (!vertexById.has(id)) earlyClicks.push(clickFor(id, undefined));
  }
  for (const c of earlyClicks) line(1, c);

  // ---------------------------------------------------------------- vertices
  for (const v of graph.vertices) line(1, vertexDeclaration(v, firstClass.get(v.id)));

  // ---------------------------------------------------------------- subgraphs
  // A member that is neither a node nor a subgraph is an edge id (`e1@{ ... }` inside the
  // subgraph): it must be mentioned after the edge exists, so then subgraphs follow the edges.
  const subgraphIds = new Set(graph.subgraphs.map((sg) => sg.id));
  const edgeIdMembers = graph.subgraphs.some((sg) => sg.nodes.some((n) => !vertexById.has(n) && !subgraphIds.has(n)));
  if (!edgeIdMembers) printSubgraphs(graph.subgraphs, line);

  // ---------------------------------------------------------------- edges
  const edgeIdSeen = new Set<string>();
  const firstEdgeWithId = new Set<FlowEdge>();
  for (const e of graph.edges) {
    if (!edgeIdSeen.has(e.id)) {
      edgeIdSeen.add(e.id);
      firstEdgeWithId.add(e);
    }
    line(1, edgeStatement(e));
  }
  for (const e of graph.edges) {
    if (!firstEdgeWithId.has(e)) continue;
    const data: string[] = [];
    if (e.animate !== undefined) data.push(`animate: ${e.animate ? 'true' : 'false'}`);
    if (e.animation !== undefined) data.push(`animation: ${yamlString(e.animation)}`);
    if (data.length > 0) line(1, `${e.id}@{ ${data.join(', ')} }`);
  }
  if (edgeIdMembers) printSubgraphs(graph.subgraphs, line);

  // ---------------------------------------------------------------- classDef / class / click
  for (const [name, styles] of Object.entries(graph.classDefs)) {
    line(1, `classDef ${name} ${styles.map((s) => s.replace(/,/g, '\\,')).join(',')}`);
  }
  for (const e of graph.edges) {
    if (e.classes && e.classes.length > 0 && firstEdgeWithId.has(e) && !vertexById.has(e.id)) {
      targets.push({ id: e.id, classes: e.classes, clickSlot: -1 });
    }
  }
  for (const sg of graph.subgraphs) {
    if (sg.classes && sg.classes.length > 0 && !vertexById.has(sg.id)) targets.push({ id: sg.id, classes: sg.classes, clickSlot: -1 });
  }
  const maxClasses = targets.reduce((m, t) => Math.max(m, t.classes.length), 0);
  for (let r = 0; r < maxClasses; r++) {
    const groups = new Map<string, string[]>();
    const clicks: string[] = [];
    for (const t of targets) {
      if (r >= t.classes.length) continue;
      if (r === 0 && firstClass.has(t.id) && vertexById.has(t.id)) continue;
      if (r === t.clickSlot) {
        clicks.push(t.click ?? clickFor(t.id, vertexById.get(t.id)));
        continue;
      }
      const c = t.classes[r] ?? '';
      if (nodeRef(t.id) !== t.id && vertexById.has(t.id) && plainClassName(c)) {
        // `class click c` would start a click statement: `click:::c` does the same
        clicks.push(`${t.id}:::${c}`);
        continue;
      }
      const ids = groups.get(c);
      if (ids) ids.push(t.id);
      else groups.set(c, [t.id]);
    }
    for (const [c, ids] of groups) line(1, `class ${ids.join(',')} ${c}`);
    for (const c of clicks) line(1, c);
  }

  // ---------------------------------------------------------------- styles
  for (const v of graph.vertices) {
    if (v.styles && v.styles.length > 0) line(1, `style ${v.id} ${v.styles.join(',')}`);
  }
  const linkStyles = new Map<string, { idx: number[]; styles: string[] | undefined; interpolate: string | undefined }>();
  graph.edges.forEach((e, i) => {
    if (e.style === undefined && e.interpolate === undefined) return;
    const styles = e.style && e.style.length > 0 ? e.style : undefined;
    if (styles === undefined && e.interpolate === undefined) return;
    const key = JSON.stringify([styles ?? null, e.interpolate ?? null]);
    const g = linkStyles.get(key);
    if (g) g.idx.push(i);
    else linkStyles.set(key, { idx: [i], styles, interpolate: e.interpolate });
  });
  for (const g of linkStyles.values()) {
    const parts = [`linkStyle ${g.idx.join(',')}`];
    if (g.interpolate !== undefined) parts.push(`interpolate ${g.interpolate}`);
    if (g.styles) parts.push(g.styles.join(','));
    line(1, parts.join(' '));
  }
  const d = graph.linkStyleDefault;
  if (d && (d.defaultStyle !== undefined || d.defaultInterpolate !== undefined)) {
    const parts = ['linkStyle default'];
    if (d.defaultInterpolate !== undefined) parts.push(`interpolate ${d.defaultInterpolate}`);
    if (d.defaultStyle !== undefined && d.defaultStyle.length > 0) parts.push(d.defaultStyle.join(','));
    line(1, parts.join(' '));
  }

  return out.join(nl) + nl;
}

function plainClassName(c: string): boolean {
  return c !== '' && !/[\s,;:@[\](){}|"<>^~]/.test(c);
}

/** `id`, `id[label]`, `id(label)`, `id@{ shape: x, label: "..." }`, `id[label]@{ shape: x }`, with `:::class`. */
export function vertexDeclaration(v: FlowVertex, cls?: string): string {
  const data: string[] = [];
  let head = v.id;
  const markdown = v.labelType === 'markdown';
  const brackets = v.type !== null ? BRACKETS[v.type] : undefined;
  const withAsset = v.icon !== undefined || v.img !== undefined;
  const props = v.props ? Object.entries(v.props) : [];
  let viaData = false;
  // no label to write: the node shows its id (or nothing, next to an icon or image)
  const implicit = !markdown && (withAsset ? v.text === '' : v.text === v.id);
  if (v.type === 'rect' && props.length > 0) {
    const [k, val] = props[0] ?? ['', ''];
    const f = labelForm(v.text, markdown, '|');
    if (f) head += `[|${k}:${val}|${renderLabel(f)}]`;
    else {
      head += `[|${k}:${val}|" "]`;
      viaData = true;
    }
  } else if (brackets) {
    // next to an icon, a bracket label equal to the id would be cleared
    const f = withAsset && v.text === v.id ? null : labelForm(v.text, markdown, brackets[0]);
    if (f) head += brackets[0] + renderLabel(f) + brackets[1];
    else {
      head += brackets[0] + '" "' + brackets[1];
      viaData = true;
    }
  } else if (v.type !== null) {
    data.push(`shape: ${v.type}`);
    if (!implicit) {
      const f = (markdown && v.text !== '') || withAsset ? null : labelForm(v.text, markdown);
      if (f) head += '[' + renderLabel(f) + ']';
      else viaData = true;
    }
  } else if (!implicit) {
    viaData = true;
  }
  if (viaData && v.text !== '') data.push(`label: ${yamlString(v.text)}`);
  if (v.icon !== undefined) data.push(`icon: ${yamlString(v.icon)}`);
  if (v.form !== undefined) data.push(`form: ${yamlString(v.form)}`);
  if (v.pos !== undefined) data.push(`pos: ${yamlString(v.pos)}`);
  if (v.img !== undefined) data.push(`img: ${yamlString(v.img)}`);
  if (v.constraint !== undefined) data.push(`constraint: ${yamlString(v.constraint)}`);
  if (v.assetWidth !== undefined && Number.isFinite(v.assetWidth)) data.push(`w: ${v.assetWidth}`);
  if (v.assetHeight !== undefined && Number.isFinite(v.assetHeight)) data.push(`h: ${v.assetHeight}`);
  if (cls !== undefined) head += `:::${cls}`;
  return data.length > 0 ? `${head}@{ ${data.join(', ')} }` : nodeRef(head);
}

/** `A --> B`, `A -->|label| B`, `A e1@==> B`. */
export function edgeStatement(e: FlowEdge): string {
  const op = edgeOperator(e);
  const id = e.isUserDefinedId ? `${e.id}@` : '';
  let label = '';
  if (e.text !== '' || e.labelType === 'markdown') {
    const f = labelForm(e.text, e.labelType === 'markdown', '|');
    label = `|${renderLabel(f ?? { kind: 'quoted', text: restoreEntities(e.text).trim().replace(/"/g, '#quot;') })}|`;
  }
  return `${nodeRef(e.start)} ${id}${op}${label} ${nodeRef(e.end)}`;
}

interface SubNode {
  sg: FlowSubgraph;
  index: number;
  children: SubNode[];
}

/**
 * Rebuild the nesting from mermaid's subgraph list (stored when their `end` is reached, so
 * in post-order): a subgraph's children are the completed subgraphs just before it whose
 * ids it lists as members.
 */
function subgraphTree(subgraphs: FlowSubgraph[]): SubNode[] {
  const pending: SubNode[] = [];
  subgraphs.forEach((sg, index) => {
    const members = new Set(sg.nodes);
    const children: SubNode[] = [];
    while (pending.length > 0) {
      const top = pending[pending.length - 1] as SubNode;
      if (!members.has(top.sg.id) || top.sg.id === sg.id) break;
      children.unshift(top);
      pending.pop();
    }
    pending.push({ sg, index, children });
  });
  return pending;
}

function subgraphHeader(sg: FlowSubgraph, index: number): string {
  const title = restoreEntities(sg.title);
  const generated = sg.id === `subGraph${index}`;
  const markdown = sg.labelType === 'markdown';
  // `subgraph Some title`: a title with blanks gets the generated id `subGraph<n>`
  if (generated && /\s/.test(title) && title === title.trim() && !title.includes('"')) {
    if (markdown) {
      if (!title.includes('`')) return 'subgraph "`' + title + '`"';
    } else {
      return `subgraph ${plainSubgraphText(title) ? title : `"${title}"`}`;
    }
  }
  const idText = plainSubgraphText(sg.id) ? sg.id : `"${sg.id}"`;
  if (title === sg.id && !markdown && !/\s/.test(sg.id)) return `subgraph ${idText}`;
  const f = labelForm(sg.title, markdown, '[') ?? { kind: 'quoted', text: title.trim().replace(/"/g, '#quot;') };
  return `subgraph ${idText}[${renderLabel(f)}]`;
}

function printSubgraphs(subgraphs: FlowSubgraph[], line: (depth: number, s: string) => void): void {
  const roots = subgraphTree(subgraphs);
  // A subgraph listed as a member of an EARLIER subgraph X was closed inside a second
  // `subgraph X` block (mermaid adds the members of a repeated id to the first one): print
  // it wrapped in `subgraph X ... end` again, and leave it out of X's own block.
  const wrapper = new Map<SubNode, FlowSubgraph>();
  for (const r of roots) {
    const x = subgraphs.find((sg, i) => i < r.index && sg.id !== r.sg.id && sg.nodes.includes(r.sg.id));
    if (x) wrapper.set(r, x);
  }
  // X's own block lists its members up to the first wrapped one; each wrapper lists the
  // members that follow its subgraph, up to the next wrapped one
  const wrappedOf = new Map<FlowSubgraph, Set<string>>();
  for (const [r, x] of wrapper) {
    const set = wrappedOf.get(x) ?? new Set<string>();
    set.add(r.sg.id);
    wrappedOf.set(x, set);
  }
  const cut = (x: FlowSubgraph, from: number): number => {
    const set = wrappedOf.get(x);
    if (!set) return x.nodes.length;
    for (let i = from; i < x.nodes.length; i++) if (set.has(x.nodes[i] ?? '')) return i;
    return x.nodes.length;
  };
  const wrappedBefore = (index: number): number => [...wrapper.keys()].filter((r) => r.index < index).length;

  const print = (node: SubNode, depth: number): void => {
    const { sg } = node;
    // mermaid numbers generated ids by the subgraph blocks closed before this one
    line(depth, subgraphHeader(sg, node.index + wrappedBefore(node.index)));
    if (sg.dir !== null) line(depth + 1, `direction ${sg.dir}`);
    const childById = new Map(node.children.map((c) => [c.sg.id, c]));
    const mentioned = new Set<string>();
    let next = 0;
    const flush = (): void => {
      for (;;) {
        const c = node.children[next];
        if (!c || !mentioned.has(c.sg.id)) return;
        print(c, depth + 1);
        next++;
      }
    };
    for (const m of sg.nodes.slice(0, cut(sg, 0))) {
      const child = childById.get(m);
      if (child && node.children[next] === child) {
        print(child, depth + 1);
        next++;
        flush();
      } else {
        // a member node (or a child subgraph closed later than its mention: mention it now)
        line(depth + 1, nodeRef(m));
        mentioned.add(m);
        flush();
      }
    }
    for (; next < node.children.length; next++) {
      const c = node.children[next];
      if (c) print(c, depth + 1);
    }
    line(depth, 'end');
  };
  for (const root of roots) {
    const x = wrapper.get(root);
    if (x) {
      line(1, `subgraph ${plainSubgraphText(x.id) ? x.id : `"${x.id}"`}`);
      print(root, 2);
      const at = x.nodes.indexOf(root.sg.id) + 1;
      for (const m of x.nodes.slice(at, cut(x, at))) line(2, nodeRef(m));
      line(1, 'end');
    } else {
      print(root, 1);
    }
  }
}
