/** Typo tolerance: the closest words to a query word, by fuse.js (kept apart so that it loads only when needed). */
import Fuse from 'fuse.js';
import type { FuzzyMatcher } from './searcher';

export const closestWords: FuzzyMatcher = (words) => {
  const fuse = new Fuse(words, { includeScore: true, threshold: 0.34, ignoreLocation: true, minMatchCharLength: 3 });
  return (token, limit) => fuse.search(token, { limit }).map((r) => r.item);
};
