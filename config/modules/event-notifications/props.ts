/**
 * From an environment's config to EventNotifications props, and the section's checks across fields
 * and sections (ids that must exist, topics that must exist, and the construct's own props checks,
 * so config and construct can never disagree).
 */
import type { ITerraformDependable } from 'cdktf';
import type { Environment } from '../../environment-schema';
import { resourcePrefix } from '../../naming';
import type { Problem } from '../../../modules/common/errors';
import { closestMatch } from '../../../modules/common/suggest';
import { SEVERITIES, type Severity } from '../../../modules/common/severity';
import { BUILT_IN_IDS, PACKS } from '../../../modules/detections/catalogue';
import type { Detection } from '../../../modules/detections/detection';
import { resolveDetections } from '../detections/resolve';
import { unknownIdMessage } from '../../../modules/detections/suggest';
import { eventNotificationsPropsProblems, type EventNotificationsProps, type NotificationTopic, type TopicKey } from '../../../modules/event-notifications/props';

const P = 'eventNotifications';

/**
 * The detections named in the section, resolved as the environment resolves them (compliance mode,
 * overrides, exclusions), whether or not their alarms are on: a team may want the message without the alarm.
 */
export function perEventDetections(env: Environment): Detection[] {
  const everyPack = Object.fromEntries(PACKS.map((p) => [p, true])) as Environment['detections']['packs'];
  const all = resolveDetections({ ...env.detections, packs: everyPack, disabled: [] }).map((r) => r.detection);
  return env.eventNotifications.detections.flatMap((id) => all.filter((x) => x.id === id));
}

function topicKeyOf(env: Environment): TopicKey {
  const given = env.alerting.kmsKeyArn;
  if (given === undefined) return { aliasName: `alias/${resourcePrefix(env)}-alerts` };
  const alias = /:(alias\/.+)$/.exec(given);
  return alias ? { aliasName: alias[1] } : { keyArn: given };
}

/** The EventNotifications props of an environment; the stack passes its trail's log group (and its resource). */
export function eventNotificationsProps(env: Environment, logGroupName: string, logGroupDependency?: ITerraformDependable): EventNotificationsProps {
  const n = env.eventNotifications;
  const prefix = resourcePrefix(env);
  const topicArn = (route: string) => `arn:aws:sns:${env.homeRegion}:${env.managementAccountId}:${prefix}-${route}`;
  const routing = Object.fromEntries(
    SEVERITIES.map((s) => [s, (env.alerting.routing[s] ?? []).map((route): NotificationTopic => ({ topicArn: topicArn(route), format: n.formats[route] ?? 'text' }))]),
  ) as Record<Severity, NotificationTopic[]>;
  return {
    accountId: env.managementAccountId,
    region: env.homeRegion,
    namePrefix: prefix,
    environment: env.name,
    logGroupName,
    ...(logGroupDependency ? { logGroupDependency } : {}),
    detections: perEventDetections(env),
    routing,
    topicKey: topicKeyOf(env),
    accounts: n.accounts,
    floodThreshold: n.floodThreshold,
    // Subscription filters someone else put on the log group: only an existing trail's log group has any.
    existingSubscriptionFilters: env.existingTrail?.subscriptionFilters ?? 0,
    reservedConcurrency: n.reservedConcurrency,
    logRetentionDays: n.logRetentionDays,
    failureSeverity: n.failureSeverity,
    preventDestroy: env.alerting.preventDestroy,
  };
}

/** Where a construct problem is written in the environment file. */
function configPath(path: string): string {
  if (path.startsWith('routing.')) return `alerting.${path.replace(/\[\d+\].*$/, '')}`;
  if (path.startsWith('detections') || path.startsWith('subscriptionFilters')) return `${P}.detections`;
  // The construct's count of someone else's subscription filters comes from existingTrail.
  if (path === 'existingSubscriptionFilters') return 'existingTrail.subscriptionFilters';
  return `${P}.${path}`;
}

/** Every problem of the section, paths relative to the environment file; empty when valid or disabled. */
export function eventNotificationsProblems(env: Environment): Problem[] {
  const n = env.eventNotifications;
  if (!n.enabled) return [];
  const problems: Problem[] = [];
  const known = [...BUILT_IN_IDS, ...env.detections.custom.map((c) => c.id)];
  const seen = new Set<string>();
  n.detections.forEach((id, i) => {
    if (!known.includes(id)) problems.push({ path: `${P}.detections[${i}]`, message: unknownIdMessage(id, known) });
    else if (seen.has(id)) problems.push({ path: `${P}.detections[${i}]`, message: `"${id}" is listed twice: list each detection once` });
    seen.add(id);
  });
  const routes = env.alerting.topics.map((t) => t.name);
  for (const route of Object.keys(n.formats)) {
    if (!routes.includes(route)) {
      const hint = closestMatch(route, routes);
      problems.push({ path: `${P}.formats.${route}`, message: `"${route}" is not a topic of alerting.topics: ${hint ? `did you mean "${hint}"? ` : ''}Topics: ${routes.join(', ')}` });
    }
  }
  if (problems.length > 0) return problems;
  let props: EventNotificationsProps;
  try {
    // The log group name is checked by the trail section; any valid name serves here.
    props = eventNotificationsProps(env, 'trail-log-group');
  } catch {
    return []; // the detections section is invalid, and reports it
  }
  // The environment schema and the trail and alerting sections check these (topicKey is alerting.kmsKeyArn).
  const checkedElsewhere = ['accountId', 'region', 'namePrefix', 'logGroupName', 'topicKey.keyArn', 'topicKey.aliasName'];
  const own = eventNotificationsPropsProblems(props).filter((p) => !checkedElsewhere.includes(p.path));
  return own.map((p) => ({ path: configPath(p.path), message: p.message }));
}
