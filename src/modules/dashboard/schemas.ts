import type { MissingKind } from '../measures/service.js';

/** What a measure may lack (measures' MissingKind), listed for the API schema. */
export const MISSING_KINDS = [
  'noResults',
  'noOutcome',
  'noEvidence',
  'checkpoint6Due',
  'checkpoint6Missed',
  'checkpoint12Due',
  'checkpoint12Missed',
] as const satisfies readonly MissingKind[];
