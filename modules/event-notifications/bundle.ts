/**
 * The function's deployment package, built at synth: the handler (TypeScript in this repository)
 * bundled by esbuild into one minified `index.js` with the AWS SDK client it uses, and the
 * environment's `config.json` beside it, in one zip. Same source and config, same bytes: esbuild's
 * output is deterministic, and every zip entry gets a fixed time and mode.
 *
 * The zip is written here (adm-zip, in process) and handed to cdktf's TerraformAsset as a file,
 * rather than letting TerraformAsset archive a folder: its ARCHIVE type runs one Node.js process per
 * asset per synth (archiver behind a child process, about 0.3 s of CPU each), so 100 environments
 * would cost 100 processes; and archiver stores each file's modification time, which would change
 * the archive whenever the folder is rewritten. Here the bundled code is compressed once per process
 * and each environment only adds its config.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import AdmZip from 'adm-zip';
import type { NotifierConfig } from './handler/config';

/**
 * The handler's entry: its TypeScript source in a checkout (tests, tsx), its compiled JavaScript in the
 * installed package (dist/), which ships no sources. esbuild bundles either into the same kind of file.
 */
export const HANDLER_ENTRY = ['index.ts', 'index.js'].map((f) => path.join(__dirname, 'handler', f)).find((f) => fs.existsSync(f)) ?? path.join(__dirname, 'handler', 'index.ts');
/** The Lambda `handler` setting for the bundle. */
export const HANDLER_NAME = 'index.handler';
/** Node.js version the bundle targets: the function's runtime is nodejs22.x. */
export const NODE_TARGET = 'node22';
/** DOS time (what zip stores) is local wall-clock time, so a local date gives the same bytes in any time zone. */
const FIXED_TIME = new Date(2000, 0, 1, 0, 0, 0);
/** Unix mode rw-r--r-- in the entry's external attributes (upper 16 bits). */
const FILE_ATTR = 0o100644 << 16;
const DEFAULT_ROOT = path.join(os.tmpdir(), 'trailwatch-event-notifications');

let bundled: string | undefined;
/**
 * The zip reused for every environment: read from bytes holding index.js alone, compressed once per
 * process, so its entry keeps that compressed data; config.json is replaced per environment.
 */
let reusableZip: AdmZip | undefined;

/**
 * The handler bundled once at build time (`npm run build` writes it beside the compiled module, and the
 * package ships it): a synth then only reads it, and a consumer needs neither esbuild nor the AWS SDK.
 */
export const PREBUILT_BUNDLE =
  // Beside this module (dist/modules/event-notifications/), or below dist/ when this code runs inside the
  // bundled synth app (dist/synth-app.js, scripts/build.cjs), whose __dirname is dist/.
  [path.join(__dirname, 'handler.bundle.js'), path.join(__dirname, 'modules', 'event-notifications', 'handler.bundle.js')].find((f) => fs.existsSync(f)) ??
  path.join(__dirname, 'handler.bundle.js');

/** esbuild's options for the handler: the build script and a checkout's synth make the same bytes. */
export function bundleOptions(entry: string, workingDir: string) {
  return {
    entryPoints: [entry] as string[],
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    write: false,
    // Absolute paths of this machine must not reach the bundle (they would differ between machines).
    absWorkingDir: workingDir,
    logLevel: 'silent',
  };
}

/** The bundled handler, read or built once per process (synth of many environments reuses it). */
export function handlerBundle(): string {
  if (bundled === undefined) {
    if (fs.existsSync(PREBUILT_BUNDLE)) bundled = fs.readFileSync(PREBUILT_BUNDLE, 'utf8');
    else {
      // A checkout run from its sources (tests, tsx): bundle now. esbuild is a development dependency.
      const { buildSync } = require('esbuild') as typeof import('esbuild');
      const options = bundleOptions(HANDLER_ENTRY, path.resolve(__dirname, '..', '..')) as Parameters<typeof buildSync>[0] & { write: false };
      bundled = buildSync(options).outputFiles[0]!.text;
    }
  }
  return bundled;
}

/** Base64 SHA-256, the form Lambda's `source_code_hash` takes. */
export function base64Sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('base64');
}

/** The two files of the package, as the function reads them. */
function packageFiles(config: NotifierConfig): { code: string; configJson: string } {
  return { code: handlerBundle(), configJson: `${JSON.stringify(config, null, 2)}\n` };
}

function addEntry(zip: AdmZip, name: string, content: Buffer): void {
  zip.addFile(name, content, '', FILE_ATTR);
  zip.getEntry(name)!.header.time = FIXED_TIME;
}

export interface PackageArchive {
  /** The zip file, content-addressed under the system temp folder. */
  readonly file: string;
  /** Base64 SHA-256 of the zip: Lambda's `source_code_hash` (and the CodeSha256 AWS reports). */
  readonly hash: string;
  /**
   * The hash cdktf's TerraformAsset would compute for the file (upper-case MD5 hex, its asset folder
   * name), computed here from the bytes in memory so the asset need not read the file back.
   */
  readonly assetHash: string;
  readonly bytes: number;
}

/** The function's zip for a configuration: index.js (compressed once per process) and config.json. */
export function packageArchive(config: NotifierConfig, root = DEFAULT_ROOT): PackageArchive {
  const { code, configJson } = packageFiles(config);
  if (!reusableZip) {
    const codeOnly = new AdmZip();
    addEntry(codeOnly, 'index.js', Buffer.from(code));
    // An entry added from data is deflated again on every toBuffer(); one read from a zip's bytes is not.
    reusableZip = new AdmZip(codeOnly.toBuffer());
  }
  addEntry(reusableZip, 'config.json', Buffer.from(configJson)); // replaces the previous environment's
  const buffer = reusableZip.toBuffer();
  const sha256 = createHash('sha256').update(buffer).digest();
  const file = path.join(root, `${sha256.toString('hex').slice(0, 32)}.zip`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(root, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, buffer);
    fs.renameSync(partial, file); // another synth may write the same file at the same time
  }
  const assetHash = createHash('md5').update(buffer).digest('hex').toUpperCase();
  return { file, hash: sha256.toString('base64'), assetHash, bytes: buffer.length };
}

/** The package unpacked into a folder, to run it in Node.js (the benchmark and the emulator check). */
export function packageFolder(config: NotifierConfig, root = DEFAULT_ROOT): { dir: string } {
  const { code, configJson } = packageFiles(config);
  const dir = path.join(root, createHash('sha256').update(code).update(configJson).digest('hex').slice(0, 32));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.js'), code);
  fs.writeFileSync(path.join(dir, 'config.json'), configJson);
  return { dir };
}
