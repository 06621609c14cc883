import type { Db } from '../sqlite';

// A search whose trigrams more patients than this share is broad: scanning search texts in roster
// order finds a window and a capped count ("1,000+") sooner than looking up and sorting that many
// candidates. Below it, the matches may be too sparse for the scan to stop early (a total under
// the cap, or other filters): at 50,000 patients a full scan costs about what 8,000 lookups do.
export const BROAD_SEARCH_PATIENTS = 4000;
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
 * the faster answer: no word of 3+ characters, or more than BROAD_SEARCH_PATIENTS candidates
 * (counted in the index alone, and only up to that cap).
 */
export function createSearchNarrowing(db: Db): (words: string[]) => string | null {
  const candidates = db.prepare('SELECT count(*) FROM (SELECT 1 FROM patients_search WHERE patients_search MATCH ? LIMIT ?)').pluck();
  return (words) => {
    const terms = [...new Set(words.flatMap(trigramsOf))];
    if (terms.length === 0) return null;
    const match = terms.map(quoted).join(' AND ');
    return (candidates.get(match, BROAD_SEARCH_PATIENTS + 1) as number) > BROAD_SEARCH_PATIENTS ? null : match;
  };
}
