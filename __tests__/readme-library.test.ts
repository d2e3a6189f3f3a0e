/**
 * The README's "A complete stack" example (Use as a library) is code users copy: it must type-check
 * under the strict options the README promises, and synthesize. `trailwatch/<module>` is mapped to the
 * sources here; the packed package itself is checked by consumer.package.test.ts.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');

function example(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- library-example:start -->\n```ts\n([\s\S]*?)```\n<!-- library-example:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no library-example block');
  return block[1]!;
}

describe('README library example', () => {
  // Inside the repository (.tmp/ is ignored by git), so that cdktf, constructs and the provider resolve
  // from its node_modules as they would from an app's.
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'readme-'));
  const file = path.join(dir, 'main.ts');
  const paths = { 'trailwatch/*': [path.join(ROOT, 'modules/*/index.ts')], trailwatch: [path.join(ROOT, 'index.ts')] };
  beforeAll(() => {
    fs.writeFileSync(file, example());
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths } }));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('type-checks with strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess', () => {
    const program = ts.createProgram([file], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [path.join(ROOT, 'node_modules/@types')],
      // No baseUrl: with one, `cdktf` would resolve to the repository's cdktf.json.
      paths,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });

  it('synthesizes one stack with the trail, topics, detections and both sign-in and trail-health alarms', () => {
    const outdir = path.join(dir, 'cdktf.out');
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CDKTF_OUTDIR: outdir, TSX_TSCONFIG_PATH: path.join(dir, 'tsconfig.json') },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const config = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/security-prod/cdk.tf.json'), 'utf8'));
    expect(Object.keys(config.resource.aws_cloudtrail)).toHaveLength(1);
    const filters = Object.values<{ name: string }>(config.resource.aws_cloudwatch_log_metric_filter).map((f) => f.name);
    expect(filters).toContain('example-prod-securityhub-disabled');
    expect(Object.keys(config.resource.aws_cloudwatch_contributor_insight_rule ?? {}).length).toBeGreaterThan(0);
  });
});
