import type { DemoContext } from '../../core/module.js';

/** Stub (issue 8 foundations): replaced by the part that owns this file. */
export async function seedDemo(_demo: DemoContext) {}
