/** From an environment's config to SignInBruteForce props: the stack passes its trail's log group and its routing. */
import type { Environment } from '../../environment-schema';
import { alarmContext, resourcePrefix } from '../../naming';
import type { AlarmRouting } from '../../../modules/common/alarm-routing';
import { bruteForceSettings } from './config';
import type { SignInBruteForceProps } from '../../../modules/sign-in-brute-force/sign-in-brute-force';

/** The SignInBruteForce props of a validated environment, on the given log group with the given routing. */
export function signInBruteForceProps(env: Environment, logGroupName: string, routing: AlarmRouting): SignInBruteForceProps {
  return {
    logGroupName,
    routing,
    context: alarmContext(env, logGroupName),
    namePrefix: resourcePrefix(env),
    ...bruteForceSettings(env.bruteForce),
  };
}
