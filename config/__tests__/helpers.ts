import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A minimal valid environment, as YAML text, for tests to break one field at a time. */
export function validYaml(name = 'test-env', account = '123456789012'): string {
  return [
    `name: ${name}`,
    'organizationId: o-abcdefghij',
    `managementAccountId: "${account}"`,
    'homeRegion: eu-central-1',
    'deployment:',
    '  management:',
    `    roleArn: arn:aws:iam::${account}:role/Deploy`,
    'state:',
    '  bucket: test-state-bucket',
    '  region: eu-central-1',
    '',
  ].join('\n');
}

/** Writes files into a fresh temp folder and returns its path. */
export function configDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-config-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}
