/**
 * The pipeline templates parse, and keep the structure the README promises: plan on pull requests with
 * OIDC (no stored keys), one review comment updated in place, the saved plan kept, apply on the main
 * branch behind an environment, one run per stack at a time, and every step through scripts/pipeline.sh.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, any>;
const scripts = (job: Record<string, any>) => [job.run, ...(job.steps ?? []).map((s: any) => s.run), ...(job.script ?? [])].filter(Boolean).join('\n');
const STORED_KEYS = /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|aws-secret-access-key/;

describe('GitHub Actions template (pipelines/github/trailwatch.yml)', () => {
  const wf = read('pipelines/github/trailwatch.yml');
  const text = fs.readFileSync(path.join(ROOT, 'pipelines/github/trailwatch.yml'), 'utf8');

  it('runs on pull requests to main and on pushes to main, read-only by default', () => {
    expect(wf.on).toEqual({ pull_request: { branches: ['main'] }, push: { branches: ['main'] } });
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('plans every stack on pull requests with OIDC credentials, one run per stack at a time, and keeps the plan', () => {
    const plan = wf.jobs.plan;
    expect(plan.if).toBe("github.event_name == 'pull_request'");
    expect(plan.permissions['id-token']).toBe('write');
    expect(plan.strategy.matrix.stack).toBe('${{ fromJSON(needs.stacks.outputs.stacks) }}');
    expect(plan.concurrency).toEqual({ group: 'trailwatch-${{ matrix.stack }}', 'cancel-in-progress': false });
    const creds = plan.steps.find((s: any) => String(s.uses).startsWith('aws-actions/configure-aws-credentials'));
    expect(creds.with['role-to-assume']).toBe('${{ vars.TRAILWATCH_PLAN_ROLE_ARN }}');
    expect(scripts(plan)).toContain('scripts/pipeline.sh plan "${{ matrix.stack }}"');
    expect(plan.steps.find((s: any) => String(s.uses).startsWith('actions/upload-artifact')).with.path).toBe('plans/${{ matrix.stack }}.*');
    expect(text).not.toMatch(STORED_KEYS);
  });

  it('reviews all plans into one pull-request comment, found by its marker and updated in place', () => {
    const review = wf.jobs.review;
    expect(review.permissions['pull-requests']).toBe('write');
    const run = scripts(review);
    expect(run).toContain('scripts/pipeline.sh review');
    expect(run).toContain('startswith("<!-- trailwatch-review -->")');
    expect(run).toMatch(/gh api -X PATCH "repos\/\$REPO\/issues\/comments\/\$id"/);
    // the gate fails the job unless a reviewer approved the reviewed commit (then re-runs the job)
    expect(run).toContain('select(.state == \\"APPROVED\\" and .commit_id == \\"$HEAD\\")');
    expect(run).toContain('exit "${{ steps.review.outputs.status }}"');
  });

  it('applies on push to main behind an environment per stack, through pipeline.sh apply (which refuses an unreviewed plan)', () => {
    const apply = wf.jobs.apply;
    expect(apply.if).toBe("github.event_name == 'push'");
    expect(apply.environment).toBe('${{ matrix.stack }}');
    expect(apply.permissions['id-token']).toBe('write');
    expect(apply.concurrency.group).toBe('trailwatch-${{ matrix.stack }}');
    expect(scripts(apply)).toContain('gh run download "$run" --repo "$REPO" --name "plan-$STACK" --dir plans');
    expect(scripts(apply)).toContain('scripts/pipeline.sh apply "${{ matrix.stack }}"');
  });
});

describe('GitLab CI template (pipelines/gitlab/trailwatch.gitlab-ci.yml)', () => {
  const ci = read('pipelines/gitlab/trailwatch.gitlab-ci.yml');
  const text = fs.readFileSync(path.join(ROOT, 'pipelines/gitlab/trailwatch.gitlab-ci.yml'), 'utf8');

  it('has only strings in its scripts (a stray ": " makes a YAML mapping that GitLab rejects)', () => {
    for (const [name, job] of Object.entries(ci)) {
      for (const key of ['script', 'before_script']) {
        for (const line of (job as any)?.[key] ?? []) expect([name, key, typeof line]).toEqual([name, key, 'string']);
      }
    }
  });

  it('runs for merge requests and the default branch', () => {
    expect(ci.workflow.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }, { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }]);
    expect(ci.stages).toEqual(['plan', 'review', 'apply']);
  });

  it('plans per stack on merge requests with an OIDC ID token, one job per stack at a time, and keeps the plan', () => {
    expect(ci['.terraform'].id_tokens.AWS_ID_TOKEN.aud).toBe('https://gitlab.com');
    expect(ci['.terraform'].before_script.join('\n')).toContain('AWS_WEB_IDENTITY_TOKEN_FILE');
    const plan = ci.plan;
    expect(plan.extends).toEqual(['.terraform', '.stacks']);
    expect(plan.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
    expect(plan.resource_group).toBe('trailwatch-$STACK');
    expect(plan.variables.AWS_ROLE_ARN).toBe('$TRAILWATCH_PLAN_ROLE_ARN');
    expect(plan.script).toEqual(['scripts/pipeline.sh plan "$STACK"']);
    expect(plan.artifacts.paths).toEqual(['plans/$STACK.*']);
    expect(ci['.stacks'].parallel.matrix[0].STACK).toEqual(['trailwatch-acme-prod', 'trailwatch-acme-sandbox', 'trailwatch-globex-prod']);
    expect(text).not.toMatch(STORED_KEYS);
  });

  it('reviews into one merge-request note, found by its marker and edited in place', () => {
    const run = scripts(ci.review);
    expect(ci.review.needs).toEqual(['plan']);
    expect(run).toContain('scripts/pipeline.sh review');
    expect(run).toContain('startsWith("<!-- trailwatch-review -->")');
    expect(run).toContain('curl -fsS -X PUT');
    expect(run).toContain('merge_requests/$CI_MERGE_REQUEST_IID/approvals');
    expect(ci.review.script[ci.review.script.length - 1]).toBe('exit "$status"');
  });

  it('applies on the default branch in a protected environment per stack, through pipeline.sh apply', () => {
    const apply = ci.apply;
    expect(apply.rules).toEqual([{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }]);
    expect(apply.environment).toEqual({ name: '$STACK' });
    expect(apply.resource_group).toBe('trailwatch-$STACK');
    expect(apply.variables.AWS_ROLE_ARN).toBe('$TRAILWATCH_APPLY_ROLE_ARN');
    expect(apply.script[apply.script.length - 1]).toBe('scripts/pipeline.sh apply "$STACK"');
  });
});

describe('shell in both templates', () => {
  it('every run step and script is valid bash (bash -n, with GitHub expressions replaced by a word)', () => {
    const wf = read('pipelines/github/trailwatch.yml');
    const ci = read('pipelines/gitlab/trailwatch.gitlab-ci.yml');
    const blocks = [
      ...Object.values(wf.jobs).flatMap((j: any) => j.steps.map((s: any) => s.run).filter(Boolean)),
      ...Object.values(ci).flatMap((j: any) => ['before_script', 'script'].map((k) => (j?.[k] ?? []).join('\n')).filter(Boolean)),
    ];
    expect(blocks.length).toBeGreaterThan(8);
    for (const block of blocks) {
      const r = spawnSync('bash', ['-n'], { input: block.replace(/\$\{\{[^}]*\}\}/g, 'x'), encoding: 'utf8' });
      expect({ block, stderr: r.stderr, status: r.status }).toEqual({ block, stderr: '', status: 0 });
    }
  });
});
