import type { DemoContext } from '../../core/module.js';
import { seedSurveyHistory } from './demo-history.js';

/**
 * The demo organization's satisfaction surveys: the standard form, FY 2567 (with January–March
 * 2567 as in the seed's monthly reports) and the last six months of responses per division,
 * suggestions tagged and answered by the mayor. Runs after the staff and queue demos.
 */
export async function seedDemoSurveys(demo: DemoContext): Promise<void> {
  await seedSurveyHistory(demo);
}
