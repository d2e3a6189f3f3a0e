/** Placeholder replaced below. */
import * as path from 'node:path';
export const PLAN_FIXTURES_DIR = path.join(__dirname, '..', 'fixtures', 'plans');
export async function writeUpdatePlans(): Promise<[string, unknown][]> {
  return [];
}
