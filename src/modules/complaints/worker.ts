import type { Worker } from '../../core/module.js';

/** Stub (issue 8 foundations): replaced by the part that owns this file. */
export const complaintsWorker: Worker = () => () => {};
