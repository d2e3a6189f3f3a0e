/**
 * The environment file `trailwatch init` writes: only the answers, every section commented with what
 * it does and what to check, and the `$schema` line pointing at config/schema.json from where the
 * file is written (so editors with the YAML language server validate it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import type { InitAnswers } from './init-questions';

/** The project's config/schema.json (next to this CLI, also when trailwatch is installed as a package). */
// From the sources (cli/) it is one folder up; from the compiled CLI (dist/cli/, also in the installed
// package, which ships config/schema.json at its root) two.
export const SCHEMA_PATH =
  [path.resolve(__dirname, '..', 'config', 'schema.json'), path.resolve(__dirname, '..', '..', 'config', 'schema.json')].find((f) => fs.existsSync(f)) ??
  path.resolve(__dirname, '..', 'config', 'schema.json');

/** `$schema` value for a file written at `file`: relative, with forward slashes. */
export function schemaReference(file: string): string {
  const rel = path.relative(path.dirname(path.resolve(file)), SCHEMA_PATH).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** A YAML scalar: quoted when YAML would read it as something else (account IDs stay strings). */
const v = (value: string) => stringify(value).trim();

export function renderEnvironment(a: InitAnswers, file: string): string {
  const lines: string[] = [
    `# yaml-language-server: $schema=${schemaReference(file)}`,
    `# Environment ${a.name}, written by trailwatch init. Every field: docs/configuration.md, "Config reference".`,
    '',
    '# Names the stack (trailwatch-<name>) and every resource.',
    `name: ${v(a.name)}`,
    ...(a.namingPrefix ? [`namingPrefix: ${v(a.namingPrefix)}`] : []),
    `organizationId: ${v(a.organizationId)}`,
    '# The management account owns the organization trail, its log group, the alarms and the topics.',
    `managementAccountId: ${v(a.managementAccountId)}`,
    ...(a.logArchiveAccountId ? ['# The log bucket and its key live in the log-archive account.', `logArchiveAccountId: ${v(a.logArchiveAccountId)}`] : []),
    `homeRegion: ${v(a.homeRegion)}`,
    '',
    '# Roles Terraform assumes (trusted by your pipeline; permissions: README, "Permissions of the deploy roles").',
    'deployment:',
    '  management:',
    `    roleArn: ${v(a.managementRoleArn)}`,
    ...(a.logArchiveRoleArn ? ['  logArchive:', `    roleArn: ${v(a.logArchiveRoleArn)}`] : []),
    '',
    '# Terraform state: the bucket must exist (versioned, encrypted) before the first terraform init / cdktf diff.',
    'state:',
    `  bucket: ${v(a.stateBucket)}`,
    `  region: ${v(a.stateRegion)}`,
    '',
  ];
  if (a.trail === 'existing') {
    lines.push(
      '# Use the organization trail the organization already has: trailwatch creates no trail, bucket,',
      '# key or log group, and puts every alarm on this log group (management account, home region).',
      'existingTrail:',
      `  logGroupName: ${v(a.logGroupName ?? '')}`,
      ...(a.trailArn ? [`  trailArn: ${v(a.trailArn)}`] : []),
      '  # Filters already on the log group count against the CloudWatch Logs quotas:',
      '  # aws logs describe-metric-filters / describe-subscription-filters --log-group-name <name>',
      '  metricFilters: 0',
      '  subscriptionFilters: 0',
      '',
    );
  } else {
    lines.push(
      '# trailwatch creates the organization trail with its defaults: multi-region, read and write',
      '# management events, log file validation, SSE-KMS, log group kept 365 days, prevent_destroy.',
      '# Tune it in a trail: section (objectLock, lifecycle, dataEvents, readers, ...).',
      '',
    );
  }
  lines.push(
    '# Every severity goes to one topic; subscribers must confirm the email SNS sends them.',
    '# Add topics and alerting.routing to page for critical alarms only.',
    'alerting:',
    '  topics:',
    '    - name: security',
    '      subscriptions:',
    ...a.email.flatMap((e) => ['        - protocol: email', `          endpoint: ${v(e)}`]),
    ...a.https.flatMap((u) => ['        - protocol: https', `          endpoint: ${v(u)}`]),
    '',
    '# Detections default to complianceMode securityHub (the exact CIS patterns Security Hub checks).',
    '# Tune thresholds in detections.overrides; see docs/detections.md for the catalogue.',
    '',
  );
  return `${lines.join('\n').trimEnd()}\n`;
}
