/** Moving a synth into cdktf.out: Terraform's files survive, orphans go (or stay for the cdktf CLI), the committed lock is copied. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { committedLockFile, installSynth, isTerraformOwned } from '../output-folder';

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-outdir-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

describe('installSynth', () => {
  const previous = () =>
    tree({
      'manifest.json': 'old manifest',
      'stacks/trailwatch-a/cdk.tf.json': 'old a',
      'stacks/trailwatch-a/plan': 'stale plan',
      'stacks/trailwatch-a/.terraform/providers/aws': 'provider binary',
      'stacks/trailwatch-a/.terraform.lock.hcl': 'lock a',
      'stacks/trailwatch-a/trailwatch-a.tfstate': 'local state',
      'stacks/trailwatch-gone/cdk.tf.json': 'old gone',
    });
  const synth = () => tree({ 'manifest.json': 'new manifest', 'stacks/trailwatch-a/cdk.tf.json': 'new a', 'stacks/trailwatch-b/cdk.tf.json': 'new b' });

  it('replaces the synthesized files and keeps .terraform, the lock file and local state', () => {
    const outdir = previous();
    const scratch = synth();
    expect(installSynth(scratch, outdir)).toEqual(['trailwatch-gone']);
    expect(read(outdir, 'manifest.json')).toBe('new manifest');
    expect(read(outdir, 'stacks/trailwatch-a/cdk.tf.json')).toBe('new a');
    expect(read(outdir, 'stacks/trailwatch-a/.terraform/providers/aws')).toBe('provider binary');
    expect(read(outdir, 'stacks/trailwatch-a/.terraform.lock.hcl')).toBe('lock a');
    expect(read(outdir, 'stacks/trailwatch-a/trailwatch-a.tfstate')).toBe('local state');
    expect(fs.existsSync(path.join(outdir, 'stacks/trailwatch-a/plan'))).toBe(false);
    expect(read(outdir, 'stacks/trailwatch-b/cdk.tf.json')).toBe('new b');
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['trailwatch-a', 'trailwatch-b']);
    expect(fs.existsSync(scratch)).toBe(false);
  });

  it('replaces an asset folder whole: the previous version of a changed asset is gone, a kept one keeps its bytes', () => {
    const outdir = tree({
      'stacks/trailwatch-a/cdk.tf.json': 'old a',
      'stacks/trailwatch-a/assets/fn_package/OLDHASH/code.zip': 'old zip',
      'stacks/trailwatch-a/assets/other_asset/SAMEHASH/x.zip': 'same zip',
      'stacks/trailwatch-a/.terraform/providers/link-target': 'provider binary',
    });
    fs.symlinkSync(path.join(outdir, 'stacks/trailwatch-a/.terraform/providers/link-target'), path.join(outdir, 'stacks/trailwatch-a/assets/a-link'));
    const scratch = tree({
      'stacks/trailwatch-a/cdk.tf.json': 'new a',
      'stacks/trailwatch-a/assets/fn_package/NEWHASH/code.zip': 'new zip',
      'stacks/trailwatch-a/assets/other_asset/SAMEHASH/x.zip': 'same zip',
    });
    installSynth(scratch, outdir);
    const stack = path.join(outdir, 'stacks/trailwatch-a');
    expect(fs.readdirSync(path.join(stack, 'assets')).sort()).toEqual(['fn_package', 'other_asset']);
    expect(fs.readdirSync(path.join(stack, 'assets/fn_package'))).toEqual(['NEWHASH']);
    expect(read(stack, 'assets/fn_package/NEWHASH/code.zip')).toBe('new zip');
    expect(read(stack, 'assets/other_asset/SAMEHASH/x.zip')).toBe('same zip');
    expect(read(stack, 'cdk.tf.json')).toBe('new a');
    // A link inside a replaced folder is removed as a link: what it points to stays.
    expect(read(stack, '.terraform/providers/link-target')).toBe('provider binary');
    expect(fs.existsSync(scratch)).toBe(false);
  });

  it('leaves orphaned stack folders to the cdktf CLI, which removes them itself after the app exits', () => {
    const outdir = previous();
    expect(installSynth(synth(), outdir, { underCdktfCli: true })).toEqual([]);
    expect(read(outdir, 'stacks/trailwatch-gone/cdk.tf.json')).toBe('old gone');
  });

  it('copies the committed lock file into every stack folder', () => {
    const outdir = previous();
    const project = tree({ '.terraform.lock.hcl': 'committed lock' });
    const lockFile = committedLockFile(project);
    expect(lockFile).toBe(path.join(project, '.terraform.lock.hcl'));
    installSynth(synth(), outdir, { lockFile });
    expect(read(outdir, 'stacks/trailwatch-a/.terraform.lock.hcl')).toBe('committed lock');
    expect(read(outdir, 'stacks/trailwatch-b/.terraform.lock.hcl')).toBe('committed lock');
    expect(committedLockFile(tree({}))).toBeUndefined();
  });

  it('creates the output folder on the first synth', () => {
    const outdir = path.join(tree({}), 'cdktf.out');
    installSynth(synth(), outdir);
    expect(read(outdir, 'stacks/trailwatch-b/cdk.tf.json')).toBe('new b');
  });

  it('treats only Terraform\'s own files as Terraform\'s', () => {
    expect(['.terraform', '.terraform.lock.hcl', 'x.tfstate', 'x.tfstate.backup', 'terraform.tfstate'].every(isTerraformOwned)).toBe(true);
    expect(['cdk.tf.json', 'plan', 'assets', 'tfstate-notes.md'].some(isTerraformOwned)).toBe(false);
  });
});
