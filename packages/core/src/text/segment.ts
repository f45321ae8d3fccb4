// Words of any script: Intl.Segmenter finds word boundaries in Chinese, Japanese and Thai,
// which have no spaces, as well as in scripts that do.
import { foldForSearch } from './fold.ts';

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** The text's words, folded for search (lower case, no diacritics), in order. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const part of segmenter.segment(foldForSearch(text))) {
    if (part.isWordLike) out.push(part.segment);
  }
  return out;
}

/** Text with its words separated by single spaces, for a full-text index that splits on spaces. */
export function segmentForIndex(text: string): string {
  return words(text).join(' ');
}
