/**
 * Passage search: the passages of the reports (prose, and one passage per table row), segmented by jieba with the domain's dictionary,
 * indexed by flexsearch, ranked by BM25 with boosts, persisted under `index/passages/`.
 *
 * @example
 * const { index } = await openIndex({ corpusDir: 'corpus', indexDir: 'index' });
 * for (const hit of index.search('同仁市教育局存在哪些问题', { limit: 3 })) console.log(hit.highlighted);
 */
export {
  PassageIndex,
  passageTitle,
  BOOSTS,
  ROW_DEMOTION,
  type Passage,
  type PassageHit,
  type SearchOptions,
  type BuildOptions,
  type ReportSummary,
  type CorpusFileStamp,
} from './passage-index.js';
export { openForSearch, openIndex, stampCorpus, PASSAGES_SUBDIR, type OpenOptions, type OpenResult, type PassageSearch } from './open.js';
export { segment, matchKnownWords, normalizeForSearch, type SegmentMode } from './segment.js';
export { DICTIONARY_VERSION, ensureJieba, isJiebaLoaded } from './dictionary.js';
export { FORMAT_VERSION } from './manifest.js';
export { IndexReadError } from './persist.js';
export { yearsIn, sectionsIn } from './cues.js';
export { passageTexts } from './passages.js';
export { rowPassages } from './row-passages.js';
