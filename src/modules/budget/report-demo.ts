import type { DemoContext } from '../../core/module.js';

export async function seedReportsDemo(_demo: DemoContext): Promise<void> {}
