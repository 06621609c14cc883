import type { Db } from '../sqlite';

// A search whose rarest trigram is in more patients than this is broad: scanning every search text
// in roster order (and stopping at the window) beats collecting and sorting that many matches.
export const BROAD_SEARCH_PATIENTS = 2_000;
const TRIGRAM = 3;

/**
 * Trigrams of a word spaced so that together they cover every character: all the index needs to
 * narrow the candidates (instr() then confirms each), with as few posting lists to intersect as
 * possible. Words under three characters have none.
 */
export function trigramsOf(word: string): string[] {
  const chars = Array.from(word);
  if (chars.length < TRIGRAM) return [];
  const starts = new Set<number>();
  for (let at = 0; at + TRIGRAM < chars.length; at += TRIGRAM) starts.add(at);
  starts.add(chars.length - TRIGRAM);
  return [...starts].map((at) => chars.slice(at, at + TRIGRAM).join(''));
}

const quoted = (term: string) => `"${term.replaceAll('"', '""')}"`;

/**
 * The FTS5 query (trigrams ANDed) that narrows a selective search, or null when the plain scan is
 * the faster answer: no word of 3+ characters, or every such trigram is common.
 */
export function createSearchNarrowing(db: Db): (words: string[]) => string | null {
  const patientsWith = db.prepare('SELECT doc FROM patients_search_terms WHERE term = ?').pluck();
  return (words) => {
    const terms = [...new Set(words.flatMap(trigramsOf))];
    if (terms.length === 0) return null;
    const rarest = Math.min(...terms.map((term) => (patientsWith.get(term) as number | undefined) ?? 0));
    return rarest > BROAD_SEARCH_PATIENTS ? null : terms.map(quoted).join(' AND ');
  };
}
