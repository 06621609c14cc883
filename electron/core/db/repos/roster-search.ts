import type { Db } from '../sqlite';

/*
 * When the trigram index's candidates are worth looking up one by one (about 7x the cost of
 * reading one entry of a roster index, measured at 50,000 patients) rather than scanning an index
 * in roster order until the window and the capped count ("1,000+") are found. Alone, a search's
 * matches are about as dense as its candidates, so the scan stops early once they are many; other
 * filters thin the matches out and the scan may read every patient (the cost of ~7,000 lookups),
 * and in name order a name's matches lie together, perhaps deep in the walk.
 */
export const BROAD_SEARCH_PATIENTS = 2000;
export const BROAD_FILTERED_SEARCH_PATIENTS = 4000;
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

export interface SearchNarrowing {
  /** The FTS5 query (trigrams ANDed) whose rows include every match. */
  match: string;
  /** Few enough candidates to look each up and sort them all (see BROAD_SEARCH_PATIENTS). */
  few: boolean;
  /** How many candidates, counted only up to the threshold that decides `few` (and one more). */
  candidates: number;
}

/**
 * The trigram query that narrows a search, or null when no word has 3+ characters. Candidates are
 * counted in the index alone, and only up to BROAD_SEARCH_PATIENTS (BROAD_FILTERED_SEARCH_PATIENTS
 * when `sparse`: other filters, or the name order).
 */
export function createSearchNarrowing(db: Db): (words: string[], sparse: boolean) => SearchNarrowing | null {
  const candidates = db.prepare('SELECT count(*) FROM (SELECT 1 FROM patients_search WHERE patients_search MATCH ? LIMIT ?)').pluck();
  return (words, sparse) => {
    const terms = [...new Set(words.flatMap(trigramsOf))];
    if (terms.length === 0) return null;
    const match = terms.map(quoted).join(' AND ');
    const most = sparse ? BROAD_FILTERED_SEARCH_PATIENTS : BROAD_SEARCH_PATIENTS;
    const counted = candidates.get(match, most + 1) as number;
    return { match, few: counted <= most, candidates: counted };
  };
}
