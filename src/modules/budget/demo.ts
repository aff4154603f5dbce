import type { DemoContext } from '../../core/module.js';

export async function seedDemo(_demo: DemoContext): Promise<void> {}
