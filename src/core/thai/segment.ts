/**
 * Thai word segmentation. Thai is written without spaces between words, so
 * splitting on whitespace finds whole phrases; ICU's dictionary-based segmenter
 * (Intl.Segmenter) finds the words.
 */
import { toArabicDigits } from './digits.js';

const wordSegmenter = new Intl.Segmenter('th', { granularity: 'word' });

/**
 * Splits text into ICU word segments, keeping whitespace and punctuation as their own
 * segments, so that joining the result gives back exactly the input.
 */
export function segmentWords(text: string): string[] {
  return Array.from(wordSegmenter.segment(text), (s) => s.segment);
}

/**
 * Tokens for a search index: the word-like segments only (no whitespace or
 * punctuation), lower-cased, with Thai digits turned into Arabic ones so that
 * `๒๕๖๗` and `2567` match. Order and duplicates are kept.
 */
export function thaiSearchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const s of wordSegmenter.segment(text)) {
    if (s.isWordLike === true) tokens.push(toArabicDigits(s.segment.toLowerCase()));
  }
  return tokens;
}

/**
 * Text ready for PostgreSQL's 'simple' text search: the search tokens joined by single spaces.
 * Indexed text and queries both go through it, so a query is split into the words the text was.
 */
export function searchTerms(text: string): string {
  return thaiSearchTokens(text.normalize('NFC')).join(' ');
}
