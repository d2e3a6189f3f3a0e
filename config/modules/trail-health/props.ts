/** From an environment's config to TrailHealth props: the stack passes its trail's log group and its routing. */
import type { Environment } from '../../environment-schema';
import { alarmContext, resourcePrefix } from '../../naming';
import type { AlarmRouting } from '../../../modules/common/alarm-routing';
import { trailHealthSettings } from './config';
import type { TrailHealthProps } from '../../../modules/trail-health/trail-health';

/** The TrailHealth props of a validated environment, on the given log group with the given routing. */
export function trailHealthProps(env: Environment, logGroupName: string, routing: AlarmRouting): TrailHealthProps {
  return {
    logGroupName,
    routing,
    context: alarmContext(env, logGroupName),
    namePrefix: resourcePrefix(env),
    ...trailHealthSettings(env.trailHealth),
    // The created trail keeps its placeholder (its alarm text is unchanged); an existing trail is named.
    ...(env.existingTrail?.trailArn ? { trailArn: env.existingTrail.trailArn } : {}),
  };
}
