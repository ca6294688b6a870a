/**
 * Colour for the terminal: used only when the stream is a terminal and NO_COLOR is unset or empty
 * (https://no-color.org). Files, pipes and CI logs get plain text.
 */
export interface TerminalStyle {
  readonly bold: (text: string) => string;
  readonly red: (text: string) => string;
  readonly dim: (text: string) => string;
}

const PLAIN: TerminalStyle = { bold: (t) => t, red: (t) => t, dim: (t) => t };
const sgr = (on: number, off: number) => (t: string) => `\u001b[${on}m${t}\u001b[${off}m`;
const ANSI: TerminalStyle = { bold: sgr(1, 22), red: sgr(31, 39), dim: sgr(2, 22) };

export function terminalStyle(stream: { readonly isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): TerminalStyle {
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  return stream.isTTY === true && !noColor ? ANSI : PLAIN;
}

/** Characters per line: COLUMNS when it is a positive integer, else the terminal's width, else 100. */
export function terminalWidth(stream: { readonly columns?: number }, env: Readonly<Record<string, string | undefined>>): number {
  const fromEnv = Number(env['COLUMNS']);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return stream.columns !== undefined && stream.columns > 0 ? stream.columns : 100;
}
