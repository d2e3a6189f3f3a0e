/**
 * Discovers and runs the post-apply checks: every `e2e/checks/*.ts` exporting `check` (see
 * check-context.ts for the contract).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Check, CheckContext, CheckOutcome } from './check-context';

export const CHECKS_DIR = path.join(__dirname, 'checks');

export interface NamedCheck {
  readonly name: string;
  readonly check: Check;
}

/** The checks in CHECKS_DIR, by file name; a file without an exported `check` function is an error. */
export async function discoverChecks(dir = CHECKS_DIR): Promise<NamedCheck[]> {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')).sort();
  const checks: NamedCheck[] = [];
  for (const file of files) {
    const mod = (await import(path.join(dir, file))) as { check?: unknown };
    if (typeof mod.check !== 'function') throw new Error(`${path.join(dir, file)} must export \`async function check(ctx: CheckContext)\``);
    checks.push({ name: file.replace(/\.ts$/, ''), check: mod.check as Check });
  }
  return checks;
}

export interface CheckResult extends CheckOutcome {
  readonly name: string;
}

/** Runs every check in order; a thrown error is a failed check. */
export async function runChecks(checks: readonly NamedCheck[], ctx: CheckContext): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const { name, check } of checks) {
    try {
      results.push({ name, ...(await check(ctx)) });
    } catch (e) {
      results.push({ name, passed: false, summary: `threw: ${(e as Error).message.split('\n')[0]}`, details: [(e as Error).stack ?? String(e)] });
    }
  }
  return results;
}
