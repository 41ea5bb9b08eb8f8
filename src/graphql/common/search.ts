import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { actors } from '../../db/schema/index.js';

/** `%`, `_` and `\` are LIKE wildcards; a search for "50%" means those characters. */
export const likePattern = (term: string) => `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Transliterations keep or drop apostrophes at will ("Kata'ib" / "Kataib"), so name search folds
 * them away on both sides: here for the term, in newsgraph_search_text (migration 0006) for names.
 */
const APOSTROPHES = /['’‘ʼʻ`]/g;
export function foldName(term: string): string {
  const folded = term.toLowerCase().replace(APOSTROPHES, '');
  return folded || term.toLowerCase();
}

/**
 * Actors whose name or an alias contains the term (so every spelling a source used finds the
 * actor), or has a word close to it in trigrams (spellings no source used yet: "Suleimani").
 * Both use the GIN trigram index on actors.search_text.
 */
export function actorSearch(term: string, searchText: AnyPgColumn = actors.searchText): SQL {
  const folded = foldName(term);
  return sql`(${searchText} LIKE ${likePattern(folded)} OR ${folded} <% ${searchText})`;
}
