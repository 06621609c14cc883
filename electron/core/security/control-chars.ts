import { CONTROL_OR_BIDI } from '../domain/display-text';

/** Every control or bidi character except newline and tab, which multi-line output keeps. */
const UNSAFE_IN_OUTPUT = new RegExp(`(?![\\n\\t])${CONTROL_OR_BIDI.source}`, 'gu');

/**
 * Shows each control or bidi character as its `\uXXXX` escape, so it is visible and inert in a
 * terminal or a log line. Inside a JSON string that escape means the same character, so escaped JSON
 * output still parses to the same data. `singleLine` escapes newlines and tabs too.
 */
export function escapeControls(text: string, options: { singleLine?: boolean } = {}): string {
  const pattern = options.singleLine ? new RegExp(CONTROL_OR_BIDI.source, 'gu') : UNSAFE_IN_OUTPUT;
  return text.replace(pattern, (char) => `\\u${(char.codePointAt(0) as number).toString(16).padStart(4, '0')}`);
}
