/**
 * The public API of the package (issue 16): what package.json exports, and that every symbol a user can
 * import has a doc comment (it is what their editor shows). Checked on the sources the build compiles.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** `./dist/modules/x/index.js` -> `modules/x/index.ts`, the source the build compiles it from. */
const sourceOf = (distFile: string) => distFile.replace(/^\.\/dist\//, '').replace(/\.(js|d\.ts)$/, '.ts');

const entries = Object.entries(pkg.exports as Record<string, string | { types: string; default: string }>).filter(
  (e): e is [string, { types: string; default: string }] => typeof e[1] === 'object',
);

describe('package exports', () => {
  it('has the root entry and one subpath per module', () => {
    expect(entries.map(([subpath]) => subpath).sort()).toEqual(
      ['.', './alarm-model', './alert-topics', './common', './config', './detections', './event-notifications', './organization-trail', './patterns', './replay', './review', './sign-in-brute-force', './trail-health'].sort(),
    );
    expect(pkg.main).toBe('dist/index.js');
    expect(pkg.types).toBe('dist/index.d.ts');
  });

  it.each(entries)('%s is compiled from an entry source that exists, with types beside the JavaScript', (_subpath, target) => {
    expect(fs.existsSync(path.join(ROOT, sourceOf(target.default)))).toBe(true);
    expect(sourceOf(target.types)).toBe(sourceOf(target.default));
  });

  it('typesVersions gives the same subpaths to consumers on the older "node" module resolution', () => {
    const mapped = Object.fromEntries(Object.entries(pkg.typesVersions['*'] as Record<string, string[]>).map(([k, v]) => [`./${k}`, `./${v[0]}`]));
    for (const [subpath, target] of entries) if (subpath !== '.') expect(mapped[subpath]).toBe(target.types);
  });

  it('names the library peers as peer dependencies, and no TypeScript tooling as a runtime dependency', () => {
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(['@cdktf/provider-aws', 'cdktf', 'constructs']);
    for (const tool of ['tsx', 'typescript', 'ts-node', '@swc/core']) expect(pkg.dependencies[tool]).toBeUndefined();
    for (const peer of Object.keys(pkg.peerDependencies)) expect(pkg.dependencies[peer]).toBeUndefined();
  });
});

describe('public API documentation', () => {
  // Every entry of the exports map is a root: a subpath need not be re-exported by the root entry.
  const program = ts.createProgram([path.join(ROOT, 'index.ts'), ...entries.map(([, target]) => path.join(ROOT, sourceOf(target.default)))], {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();

  it.each(entries.map(([subpath, target]) => [subpath, sourceOf(target.default)]))('every symbol %s exports has a doc comment', (_subpath, source) => {
    const file = program.getSourceFile(path.join(ROOT, source));
    expect(file).toBeDefined();
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(file!)!);
    expect(exported.length).toBeGreaterThan(0);
    const undocumented = exported
      .map((symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol))
      .filter((symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() === '')
      .map((symbol) => `${symbol.name} (${path.relative(ROOT, symbol.declarations?.[0]?.getSourceFile().fileName ?? '?')})`);
    expect(undocumented).toEqual([]);
  });
});
