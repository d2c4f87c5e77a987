/** Colour decisions and raw ANSI styling for the human-readable reports (no dependency). */

/** The part of an output stream that decides colour. */
export interface ColorStream {
  isTTY?: boolean | undefined;
}

/**
 * Whether to colour output written to `stream`:
 * `FORCE_COLOR=0` (or `false`) → no; `FORCE_COLOR` set to anything else (even empty) → yes;
 * `NO_COLOR` set and non-empty → no; otherwise only when the stream is a terminal.
 */
export function shouldUseColor(stream: ColorStream, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return stream.isTTY === true;
}

/** A styling function: wraps text in an SGR sequence, or returns it unchanged when colour is off. */
export type Style = (text: string) => string;

export interface Colors {
  enabled: boolean;
  bold: Style;
  dim: Style;
  underline: Style;
  red: Style;
  yellow: Style;
  blue: Style;
  cyan: Style;
  green: Style;
}

const sgr = (open: number, close: number): Style => (text) => (text === '' ? '' : `\u001b[${open}m${text}\u001b[${close}m`);

const ON: Colors = {
  enabled: true,
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  underline: sgr(4, 24),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  blue: sgr(34, 39),
  cyan: sgr(36, 39),
  green: sgr(32, 39),
};

const same: Style = (text) => text;
const OFF: Colors = { enabled: false, bold: same, dim: same, underline: same, red: same, yellow: same, blue: same, cyan: same, green: same };

/** Styles that colour when `enabled`, or leave text as it is. */
export function createColors(enabled: boolean): Colors {
  return enabled ? ON : OFF;
}

/** Removes SGR colour sequences (for measuring width and for tests). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
