import type { FactSource } from '../facts/fact-source.js';
import type { Scope } from '../facts/store.js';
import type { Report } from '../ingest/report.js';
import { wait, type Steps } from './later.js';

/** Reports of a year or of the corpus read at a time: what one question holds stays bounded. */
export const SCOPE_PAGE = 2000;

/**
 * Hands the reports of a scope to `visit` a page at a time, in the order of `reportsIn`: a scope
 * of agencies (a few reports each) at once, a year or the corpus `page` reports at a time, each
 * page read after the last report of the one before.
 */
export function* eachPage(store: FactSource, scope: Scope, visit: (reports: Report[]) => Steps<void>, page: number = SCOPE_PAGE): Steps<void> {
  for (let after: Report | undefined; ; ) {
    const reports = yield* wait(scope.agencies ? store.reportsIn(scope) : store.reportsIn(scope, page, after));
    yield* visit(reports);
    if (scope.agencies || reports.length < page) return;
    after = reports[reports.length - 1];
  }
}
