import type { DemoContext } from '../../core/module.js';

/** The demo organization's satisfaction surveys: the form, months of responses per division, suggestions with responses. */
export async function seedDemoSurveys(_demo: DemoContext): Promise<void> {}
