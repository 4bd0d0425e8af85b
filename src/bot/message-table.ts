import { MAX_BARS } from '../export/chart-plan.js';

/**
 * Rows of its table an answer on screen carries (`AskOptions.tableRows`): as many as its chart
 * draws. A ranking over a year of a national corpus has tens of thousands of rows, which neither
 * the message nor the answer kept behind its buttons needs; 导出CSV reads them all again
 * (exports.ts `wholeTable`).
 */
export const MESSAGE_TABLE_ROWS = MAX_BARS;
