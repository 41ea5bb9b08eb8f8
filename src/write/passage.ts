/**
 * A citation's passage must be the source's own words. Typography differs between where an
 * editor copies from and what is stored (curly or straight quotes, line breaks, non-breaking
 * spaces), and only that is forgiven: every letter, digit and punctuation mark must match.
 */
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;

export function normalisePassage(text: string): string {
  return text.normalize('NFC').replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(/\s+/gu, ' ').trim();
}

/** True when `passage` occurs in `fullText` verbatim, up to whitespace and quote-mark style. */
export function passageOccursIn(passage: string, fullText: string): boolean {
  const wanted = normalisePassage(passage);
  return wanted.length > 0 && normalisePassage(fullText).includes(wanted);
}
