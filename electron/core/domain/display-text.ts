/**
 * Control and bidirectional-formatting characters: C0 and C1 controls (DEL included), and the bidi
 * marks, embeddings, overrides and isolates. A name holding ESC sequences, a carriage return or U+202E
 * (right-to-left override) can rewrite a terminal line or read differently from what it is, so names
 * people type may not hold them (the contract refuses them) and text from elsewhere is shown escaped.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this rule's job
export const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export function hasControlOrBidi(text: string): boolean {
  return CONTROL_OR_BIDI.test(text);
}
