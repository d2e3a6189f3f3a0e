/** From an environment's config to SignInBruteForce props: the stack passes its trail's log group and its routing. */
import type { Environment } from '../../config/environment-schema';
import { alarmContext, resourcePrefix } from '../../config/naming';
import type { AlarmRouting } from '../common/alarm-routing';
import { bruteForceSettings } from './config';
import type { SignInBruteForceProps } from './sign-in-brute-force';

export function signInBruteForceProps(env: Environment, logGroupName: string, routing: AlarmRouting): SignInBruteForceProps {
  return {
    logGroupName,
    routing,
    context: alarmContext(env, logGroupName),
    namePrefix: resourcePrefix(env),
    ...bruteForceSettings(env.bruteForce),
  };
}
