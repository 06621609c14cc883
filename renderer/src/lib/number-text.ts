/** A number field's text as the service expects it: empty means "no number" (and earns its own message). */
export function numberFromText(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}
