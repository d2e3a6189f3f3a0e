/**
 * One stack per environment (one AWS Organization deployment): its providers, its state backend and
 * the trailwatch modules composed from the validated config. No resource logic lives here.
 */
import { Construct } from 'constructs';
import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Environment } from '../config/environment-schema';
import { stackName, stateLocation } from '../config/naming';
import { AlertTopics } from '../modules/alert-topics/alert-topics';
import { alertTopicsProps } from '../config/modules/alert-topics/config';
import { DetectionAlarms } from '../modules/detections/detection-alarms';
import { EventNotifications } from '../modules/event-notifications/event-notifications';
import { eventNotificationsProps } from '../config/modules/event-notifications/props';
import { detectionAlarmsProps } from '../config/modules/detections/props';
import { OrganizationTrail } from '../modules/organization-trail/organization-trail';
import { organizationTrailSettings } from '../config/modules/organization-trail/settings';
import { signInBruteForceProps } from '../config/modules/sign-in-brute-force/props';
import { SignInBruteForce } from '../modules/sign-in-brute-force/sign-in-brute-force';
import { trailHealthProps } from '../config/modules/trail-health/props';
import { TrailHealth } from '../modules/trail-health/trail-health';

/** How an EnvironmentStack is built, beyond its config. */
export interface EnvironmentStackOptions {
  /**
   * `s3` writes the backend from config (production); `local` keeps state on disk, for tests and
   * offline `terraform validate`/`plan`.
   * @default 's3'
   */
  readonly backend?: 's3' | 'local';
}

/** Tags every resource carries in addition to the environment's own tags. */
export function defaultTags(env: Environment): Record<string, string> {
  return { ...env.tags, 'trailwatch:environment': env.name, 'managed-by': 'trailwatch' };
}

/** One environment (one AWS Organization deployment) as a cdktf stack: providers, state backend, and every trailwatch construct composed from its validated config. */
export class EnvironmentStack extends TerraformStack {
  /** Provider for the management account (the default provider of the stack). */
  public readonly managementProvider: AwsProvider;
  /** Provider for the account that owns the log bucket: the log-archive account, else management. */
  public readonly logArchiveProvider: AwsProvider;
  /** The organization trail trailwatch creates; undefined with existingTrail (an existing trail's log group is used). */
  public readonly trail?: OrganizationTrail;
  /** The log group every alarm reads: the created trail's, or existingTrail.logGroupName. A plain string. */
  public readonly logGroupName: string;
  /** The alert topics: routes every severity to encrypted SNS topics CloudWatch can publish to. */
  public readonly alerting: AlertTopics;
  /** Per-principal and per-source-IP failed sign-in rules and alarms; undefined when bruteForce.enabled is false. */
  public readonly signInFailures?: SignInBruteForce;
  /** The alarm that fires when the trail stops delivering; undefined when trailHealth.enabled is false. */
  public readonly trailHealth?: TrailHealth;
  /** Metric filter and alarm per enabled detection, on the trail's log group. */
  public readonly detections: DetectionAlarms;
  /** Subscription filter and function sending one message per matching event; undefined when eventNotifications.enabled is false. */
  public readonly eventNotifications?: EventNotifications;

  constructor(scope: Construct, public readonly env: Environment, options: EnvironmentStackOptions = {}) {
    super(scope, stackName(env));

    if ((options.backend ?? 's3') === 's3') {
      const key = stateLocation(env).replace(`s3://${env.state.bucket}/`, '');
      new S3Backend(this, { bucket: env.state.bucket, key, region: env.state.region, encrypt: true });
      // cdktf 0.21's S3Backend has no use_lockfile: Terraform's native S3 locking, no DynamoDB table.
      this.addOverride('terraform.backend.s3.use_lockfile', true);
    } else {
      new LocalBackend(this, { path: `${stackName(env)}.tfstate` });
    }

    const tags = [{ tags: defaultTags(env) }];
    this.managementProvider = new AwsProvider(this, 'aws', {
      region: env.homeRegion,
      allowedAccountIds: [env.managementAccountId],
      assumeRole: [assumeRole(env.deployment.management)],
      defaultTags: tags,
    });
    this.logArchiveProvider =
      env.logArchiveAccountId && env.deployment.logArchive && !env.existingTrail
        ? new AwsProvider(this, 'aws_log_archive', {
            alias: 'log_archive',
            region: env.homeRegion,
            allowedAccountIds: [env.logArchiveAccountId],
            assumeRole: [assumeRole(env.deployment.logArchive)],
            defaultTags: tags,
          })
        : this.managementProvider;

    // Composition, in dependency order. Each module adds its block here and nothing else:
    // 1. organization trail (modules/organization-trail): log bucket, trail key, log group, trail.
    //    `this.logGroupName` is a plain string for the modules below. With existingTrail nothing is
    //    created: the modules below read a log group this stack does not own.
    //    Construct id 'trail' is part of every stateful resource's Terraform address: never rename it.
    if (env.existingTrail) {
      this.logGroupName = env.existingTrail.logGroupName;
    } else {
      this.trail = new OrganizationTrail(this, 'trail', {
        ...organizationTrailSettings(env),
        managementProvider: this.managementProvider,
        logArchiveProvider: this.logArchiveProvider,
      });
      this.logGroupName = this.trail.logGroupName;
    }
    // 2. alert topics (modules/alert-topics): topics + routing (an AlarmRouting).
    //    `this.alerting` is the AlarmRouting for every alarm below. Construct id 'alerting' is part of
    //    the topics' and their key's Terraform addresses: never rename it.
    this.alerting = new AlertTopics(this, 'alerting', alertTopicsProps(env));
    // 3. detections (modules/detections): metric filters and alarms on the trail's log group.
    //    Filters and rules name the log group by its literal name, so they depend on the log group
    //    resource when trailwatch creates it (an existing trail's log group is not ours: no dependency).
    const logGroupDependsOn = this.trail ? [this.trail.delivery.logGroup] : [];
    this.detections = new DetectionAlarms(this, 'detections', { ...detectionAlarmsProps(env, this.logGroupName, this.alerting), logGroupDependsOn });
    // 4. per-principal sign-in failures (modules/sign-in-brute-force) and trail health (modules/trail-health).
    if (env.bruteForce.enabled) {
      this.signInFailures = new SignInBruteForce(this, 'sign-in-brute-force', { ...signInBruteForceProps(env, this.logGroupName, this.alerting), logGroupDependsOn });
    }
    if (env.trailHealth.enabled) {
      this.trailHealth = new TrailHealth(this, 'trail-health', trailHealthProps(env, this.logGroupName, this.alerting));
    }
    // 5. per-event notifications (modules/event-notifications): subscription filter on the trail's log group
    //    (after the log group exists) and the function publishing to the alert topics.
    if (env.eventNotifications.enabled) {
      this.eventNotifications = new EventNotifications(
        this,
        'event-notifications',
        {
          ...eventNotificationsProps(env, this.logGroupName, this.trail?.delivery.logGroup),
          topicDependencies: this.alerting.actionsFor(env.eventNotifications.failureSeverity).dependsOn,
        },
      );
    }
  }
}

function assumeRole(access: Environment['deployment']['management']) {
  return { roleArn: access.roleArn, sessionName: access.sessionName, ...(access.externalId ? { externalId: access.externalId } : {}) };
}
