/** The search engine with its typo matcher at hand (the library page and tests; the popup loads the matcher lazily, see searcher.ts). */
import type { SearchIndex } from './index';
import { closestWords } from './fuzzy';
import { Searcher } from './searcher';

export type { EngineHit, EngineOptions, EngineResult, FuzzyMatcher, FuzzySource, Route } from './searcher';
export { Searcher } from './searcher';

export class SearchEngine extends Searcher {
  constructor(index: SearchIndex) {
    super(index, closestWords);
  }
}
