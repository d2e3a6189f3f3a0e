/**
 * Moves a finished synth from its scratch folder into the cdktf output folder without losing what
 * Terraform and the cdktf CLI keep there between runs:
 *
 * - each stack folder is updated in place: the synthesized files are replaced, but `.terraform/`
 *   (installed providers and modules), `.terraform.lock.hcl` and any local `*.tfstate*` stay, so a
 *   synth never forces a new `terraform init`;
 * - a stack folder whose environment is gone is left to the cdktf CLI when the CLI runs the app (it
 *   lists the stack folders before running the app and removes the orphans after, failing with
 *   ENOENT when one has already vanished); without the CLI (`npm run synth`) it is removed here;
 * - the project's committed provider lock file, when there is one, is copied into every stack folder,
 *   so the provider versions Terraform installs are the ones a pull request reviewed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Entries of a stack folder that belong to Terraform, not to the synth: never deleted by a synth. */
export function isTerraformOwned(entry: string): boolean {
  return entry === '.terraform' || entry === '.terraform.lock.hcl' || /\.tfstate(\.|$)/.test(entry) || entry === '.terraform.tfstate.lock.info';
}

/** The committed provider lock file (`.terraform.lock.hcl` in the project root), or undefined when the project has none. */
export function committedLockFile(projectRoot = process.cwd()): string | undefined {
  const file = path.join(projectRoot, '.terraform.lock.hcl');
  return fs.existsSync(file) ? file : undefined;
}

export interface InstallOptions {
  /**
   * The cdktf CLI runs the app and removes orphaned stack folders itself (`CDKTF_CONTEXT_JSON` is set).
   * @default false
   */
  readonly underCdktfCli?: boolean;
  /** Lock file copied into every stack folder. @default none (each stack keeps the lock Terraform wrote) */
  readonly lockFile?: string;
}

/**
 * Removes a file or a folder with everything in it; nothing when absent. Reads each folder's entry
 * types once, where fs.rmSync (Node.js 20) stats every entry and first tries to remove each folder
 * while it still holds files: half the file system calls, for the asset folders of every stack.
 */
function removeTree(target: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(target, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') return fs.unlinkSync(target);
    throw e;
  }
  for (const entry of entries) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) removeTree(full);
    else fs.unlinkSync(full);
  }
  fs.rmdirSync(target);
}

/** Replaces `target` (a file or folder) with `source` by rename; a file is replaced in one rename. */
function replace(source: string, target: string): void {
  const existing = fs.lstatSync(target, { throwIfNoEntry: false });
  if (existing && (existing.isDirectory() || fs.lstatSync(source).isDirectory())) removeTree(target);
  fs.renameSync(source, target);
}

/** Moves the synth in `scratch` into `outdir`; removes `scratch`. Returns the stack folders removed as orphans. */
export function installSynth(scratch: string, outdir: string, options: InstallOptions = {}): string[] {
  const newStacksDir = path.join(scratch, 'stacks');
  const stacksDir = path.join(outdir, 'stacks');
  fs.mkdirSync(stacksDir, { recursive: true });
  const stacks = fs.existsSync(newStacksDir) ? fs.readdirSync(newStacksDir) : [];
  for (const stack of stacks) {
    const target = path.join(stacksDir, stack);
    fs.mkdirSync(target, { recursive: true });
    const synthesized = fs.readdirSync(path.join(newStacksDir, stack)).filter((entry) => !isTerraformOwned(entry));
    for (const entry of fs.readdirSync(target)) {
      if (!isTerraformOwned(entry) && !synthesized.includes(entry)) removeTree(path.join(target, entry));
    }
    for (const entry of synthesized) replace(path.join(newStacksDir, stack, entry), path.join(target, entry));
    if (options.lockFile) fs.copyFileSync(options.lockFile, path.join(target, '.terraform.lock.hcl'));
  }
  for (const entry of fs.readdirSync(scratch)) {
    if (entry !== 'stacks') replace(path.join(scratch, entry), path.join(outdir, entry));
  }
  const orphans = fs.readdirSync(stacksDir).filter((s) => !stacks.includes(s) && fs.statSync(path.join(stacksDir, s)).isDirectory());
  if (!options.underCdktfCli) for (const orphan of orphans) removeTree(path.join(stacksDir, orphan));
  removeTree(scratch);
  return options.underCdktfCli ? [] : orphans;
}
