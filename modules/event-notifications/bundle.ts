/**
 * The function's deployment package, built at synth: the handler (TypeScript in this repository)
 * bundled by esbuild into one minified `index.js` with the AWS SDK client it uses, and the
 * environment's `config.json` beside it. Same source and config, same bytes: esbuild's output is
 * deterministic, and the files get a fixed modification time and mode, because the zip that cdktf's
 * TerraformAsset writes (archiver) stores both in every entry. A changed timestamp alone would
 * otherwise change the archive on every synth.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import type { NotifierConfig } from './handler/config';

export const HANDLER_ENTRY = path.join(__dirname, 'handler', 'index.ts');
/** The Lambda `handler` setting for the bundle. */
export const HANDLER_NAME = 'index.handler';
/** Node.js version the bundle targets: the function's runtime is nodejs22.x. */
export const NODE_TARGET = 'node22';
/** DOS time (what zip stores) is local wall-clock time, so a local date gives the same bytes in any time zone. */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

let bundled: string | undefined;

/** The bundled handler, built once per process (synth of many environments reuses it). */
export function handlerBundle(): string {
  if (bundled === undefined) {
    const result = buildSync({
      entryPoints: [HANDLER_ENTRY],
      bundle: true,
      platform: 'node',
      target: NODE_TARGET,
      format: 'cjs',
      minify: true,
      legalComments: 'none',
      write: false,
      // Absolute paths of this machine must not reach the bundle (they would differ between machines).
      absWorkingDir: path.resolve(__dirname, '..', '..'),
      logLevel: 'silent',
    });
    bundled = result.outputFiles[0].text;
  }
  return bundled;
}

/** Base64 SHA-256, the form Lambda's `source_code_hash` takes. */
export function base64Sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('base64');
}

export interface PackageFolder {
  /** Folder holding index.js and config.json, ready to be archived. */
  readonly dir: string;
  /** Base64 SHA-256 of the package's content (code and config), for `source_code_hash`. */
  readonly hash: string;
}

/**
 * Writes the package folder for a configuration. Content-addressed under the system temp folder, so
 * two synths of the same source and config share one folder, and two configs never share one.
 */
export function packageFolder(config: NotifierConfig, root = path.join(os.tmpdir(), 'trailwatch-event-notifications')): PackageFolder {
  const code = handlerBundle();
  const configJson = `${JSON.stringify(config, null, 2)}\n`;
  const hash = base64Sha256(`${base64Sha256(code)}\n${base64Sha256(configJson)}`);
  const dir = path.join(root, createHash('sha256').update(hash).digest('hex').slice(0, 32));
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of [['index.js', code], ['config.json', configJson]] as const) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
    fs.chmodSync(file, 0o644);
    fs.utimesSync(file, FIXED_MTIME, FIXED_MTIME);
  }
  return { dir, hash };
}
