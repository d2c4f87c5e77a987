/**
 * The real mermaid 12.3.0 as a test oracle, loaded once with a jsdom shim.
 */
type Mermaid = (typeof import('mermaid'))['default'];

let loading: Promise<Mermaid> | undefined;

export function loadMermaid(): Promise<Mermaid> {
  loading ??= (async () => {
    const { JSDOM } = await import('jsdom');
    const { window } = new JSDOM('');
    const g = globalThis as Record<string, unknown>;
    g['window'] ??= window;
    g['document'] ??= window.document;
    g['Option'] ??= window.Option;
    const mermaid = (await import('mermaid')).default;
    // registers the detectors (mermaid.detectType alone does not)
    mermaid.initialize({ startOnLoad: false });
    return mermaid;
  })();
  return loading;
}

/** mermaid.detectType, with UnknownDiagramError mapped to null. */
export async function oracleDetect(text: string): Promise<string | null> {
  const mermaid = await loadMermaid();
  try {
    return mermaid.detectType(text);
  } catch (e) {
    if ((e as Error).name === 'UnknownDiagramError') return null;
    throw e;
  }
}

/** mermaid.parse verdict: true when accepted, the error otherwise. */
export async function oracleParse(text: string): Promise<true | Error> {
  const mermaid = await loadMermaid();
  try {
    await mermaid.parse(text);
    return true;
  } catch (e) {
    return e as Error;
  }
}

/** mermaid.parse verdict: true when accepted, else the first line of its error message. */
export async function oracleVerdict(text: string): Promise<true | string> {
  const verdict = await oracleParse(text);
  if (verdict === true) return true;
  return String(verdict?.message ?? verdict).split('\n')[0] ?? 'error';
}
