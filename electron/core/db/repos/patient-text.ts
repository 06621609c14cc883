/**
 * Text the cache derives from a patient for sorting and searching. Folding strips accents and
 * case ("Álvarez" → "alvarez", "Māui" → "maui") so both behave the way staff expect.
 */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

// Sorts below every character: "Smith, Jane" before "Smithers, John"; also keeps search words
// from matching across two fields.
const SEPARATOR = '\u0001';
const PHONE_LIKE = /^[\d\s\-().+]+$/;

export const digitsOf = (text: string) => text.replace(/\D/g, '');

export function sortName(firstName: string, lastName: string): string {
  return `${fold(lastName.trim())}${SEPARATOR}${fold(firstName.trim())}`;
}

export function searchText(patient: { firstName: string; lastName: string; email: string | null; phone: string | null }): string {
  const phone = patient.phone ?? '';
  return fold([`${patient.firstName} ${patient.lastName}`, patient.email ?? '', phone, digitsOf(phone)].join(SEPARATOR));
}

/**
 * The substrings a search must all find. A phone-like word is matched by its digits, so
 * "0412-345-678" finds "0412 345 678".
 */
export function searchWords(search: string): string[] {
  return search
    .split(/\s+/)
    .map((word) => word.replace(/\p{Cc}/gu, ''))
    .filter((word) => word.length > 0)
    .map((word) => (PHONE_LIKE.test(word) && digitsOf(word).length > 0 ? digitsOf(word) : fold(word)));
}
