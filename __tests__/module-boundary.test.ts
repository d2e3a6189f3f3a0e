/**
 * The module boundary (issue 16): constructs in modules/ know nothing of the YAML config layer, the
 * pattern engine depends on nothing, and importing one module loads only that module and its own
 * dependencies. Checked on the sources' import graph; the compiled package is checked the same way
 * through require.cache in examples/consumer's test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');

/** Every non-test TypeScript source of the package, relative to the root. */
function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== '__tests__' && e.name !== 'node_modules') walk(rel);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  for (const dir of ['modules', 'config', 'stacks', 'cli']) walk(dir);
  return out.concat('main.ts', 'index.ts');
}

interface Edge {
  /** A source file (relative path) or a package name. */
  readonly target: string;
  /** False when TypeScript erases the import (`import type`, or names used only as types). */
  readonly runtime: boolean;
}

function resolveRelative(from: string, spec: string): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`]) if (fs.existsSync(path.join(ROOT, candidate))) return candidate;
  throw new Error(`${from}: cannot resolve ${spec}`);
}

/** Module names a file imports or requires, as TypeScript's own pre-processor finds them. */
function specifiers(code: string): string[] {
  return ts.preProcessFile(code, true, true).importedFiles.map((f) => f.fileName);
}

const edgeCache = new Map<string, Edge[]>();
/** Imports of a file: all of them from the source, the runtime ones from what TypeScript emits. */
function edges(file: string): Edge[] {
  const cached = edgeCache.get(file);
  if (cached) return cached;
  const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const emitted = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const runtime = new Set(specifiers(emitted));
  const target = (spec: string) => (spec.startsWith('.') ? resolveRelative(file, spec) : spec);
  const result = [...new Set(specifiers(source))].map((spec) => ({ target: target(spec), runtime: runtime.has(spec) }));
  edgeCache.set(file, result);
  return result;
}

const isFile = (target: string) => target.endsWith('.ts');
const moduleOf = (file: string) => /^modules\/([^/]+)\//.exec(file)?.[1];

/** Files and packages loaded at run time by requiring `entry`. */
function runtimeClosure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const e of edges(file)) {
      if (!e.runtime) continue;
      if (isFile(e.target)) visit(e.target);
      else packages.add(e.target);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('module boundary', () => {
  const all = sources();
  const moduleFiles = all.filter((f) => f.startsWith('modules/'));

  it('finds the sources it checks', () => {
    expect(moduleFiles.length).toBeGreaterThan(50);
    expect(all).toContain('config/load.ts');
  });

  it('modules import nothing from config/, zod or yaml (not even types)', () => {
    const offending = moduleFiles.flatMap((f) =>
      edges(f)
        .filter((e) => e.target.startsWith('config/') || e.target === 'zod' || e.target === 'yaml' || e.target.startsWith('stacks/'))
        .map((e) => `${f} -> ${e.target}`),
    );
    expect(offending).toEqual([]);
  });

  it('the pattern engine is an island: it imports only its own files', () => {
    const offending = moduleFiles
      .filter((f) => moduleOf(f) === 'patterns')
      .flatMap((f) => edges(f).filter((e) => !e.target.startsWith('modules/patterns/')).map((e) => `${f} -> ${e.target}`));
    expect(offending).toEqual([]);
  });

  it('modules depend on one another only as declared', () => {
    const declared: Record<string, string[]> = {
      common: [],
      patterns: [],
      'organization-trail': ['common'],
      'alert-topics': ['common'],
      detections: ['common', 'patterns'],
      'sign-in-brute-force': ['common'],
      'trail-health': ['common'],
      'alarm-model': [],
      review: ['patterns'],
      'event-notifications': ['common', 'patterns', 'detections'],
      // replay reads the sign-in sources and the trail-health window (data files, no construct).
      replay: ['detections', 'patterns', 'alarm-model', 'sign-in-brute-force', 'trail-health'],
    };
    const actual: Record<string, Set<string>> = {};
    for (const f of moduleFiles) {
      const from = moduleOf(f)!;
      for (const e of edges(f)) {
        const to = isFile(e.target) ? moduleOf(e.target) : undefined;
        if (to && to !== from) (actual[from] ??= new Set()).add(to);
      }
    }
    const undeclared = Object.entries(actual).flatMap(([from, tos]) => [...tos].filter((to) => !(declared[from] ?? []).includes(to)).map((to) => `${from} -> ${to}`));
    expect(undeclared).toEqual([]);
  });

  it('no import cycle spans config/ and modules/', () => {
    // Tarjan's strongly connected components over every import (types included).
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const components: string[][] = [];
    let next = 0;
    const strongConnect = (v: string) => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const { target: w } of edges(v)) {
        if (!isFile(w)) continue;
        if (!index.has(w)) {
          strongConnect(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    };
    for (const f of all) if (!index.has(f)) strongConnect(f);
    const spanning = components.filter((c) => c.some((f) => f.startsWith('config/')) && c.some((f) => f.startsWith('modules/')));
    expect(spanning).toEqual([]);
  });

  it.each(['organization-trail', 'alert-topics', 'detections', 'sign-in-brute-force', 'trail-health', 'patterns', 'replay', 'event-notifications', 'alarm-model', 'review'])(
    'importing trailwatch/%s loads no YAML parser, no zod and no other construct module',
    (name) => {
      const { files, packages } = runtimeClosure(`modules/${name}/index.ts`);
      const ownDeps: Record<string, string[]> = {
        detections: ['patterns'],
        'event-notifications': ['patterns', 'detections'],
        review: ['patterns'],
        // Data only: the sign-in sources (sign-in-sources.ts) and the trail-health window (window.ts).
        replay: ['patterns', 'alarm-model', 'sign-in-brute-force', 'trail-health'],
      };
      const allowedModules = new Set([name, 'common', ...(ownDeps[name] ?? [])]);
      expect([...files].filter((f) => !allowedModules.has(moduleOf(f) ?? ''))).toEqual([]);
      const allowedPackage = (p: string) =>
        p.startsWith('node:') || ['cdktf', 'constructs'].includes(p) || p.startsWith('@cdktf/provider-aws/lib/') || // esbuild: required lazily, only by a checkout that has no prebuilt handler bundle.
        (name === 'event-notifications' && ['adm-zip', 'esbuild'].includes(p));
      expect([...packages].filter((p) => !allowedPackage(p))).toEqual([]);
    },
  );

  it('the detections entry loads the detections construct and catalogue, and the pattern engine it validates with', () => {
    const { files, packages } = runtimeClosure('modules/detections/index.ts');
    expect(files).toContain('modules/detections/detection-alarms.ts');
    expect(files).toContain('modules/detections/catalogue/cis.ts');
    expect(files).toContain('modules/patterns/parse.ts');
    expect(packages).toContain('@cdktf/provider-aws/lib/cloudwatch-metric-alarm');
    expect(files).not.toContain('modules/organization-trail/organization-trail.ts');
  });

  it('the root entry does load the config layer (it exports the loader)', () => {
    const { files, packages } = runtimeClosure('index.ts');
    expect(files).toContain('config/load.ts');
    expect(packages).toContain('yaml');
    expect(packages).toContain('zod');
  });
});
