/** `%`, `_` and `\` are LIKE wildcards; a search for "50%" means those characters. */
export const likePattern = (term: string) => `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
