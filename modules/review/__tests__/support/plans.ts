/** Loads the plan fixtures made by real Terraform (`npm run review-fixtures`). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPlan, reviewPlan, type StackReview } from '../..';
import { PLAN_FIXTURES_DIR } from './update-plans';

export function fixtureFile(name: string): string {
  return path.join(PLAN_FIXTURES_DIR, name);
}

export function fixtureJson(name: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(fixtureFile(name), 'utf8'));
}

export function reviewFixture(name: string, json: unknown = fixtureJson(name)): StackReview {
  return reviewPlan(readPlan(json, name), name);
}

/** Every finding's text, one string, for `toContain` / `toMatch`. */
export function texts(review: StackReview, section?: string): string[] {
  return review.findings.filter((f) => !section || f.section === section).map((f) => f.text);
}
