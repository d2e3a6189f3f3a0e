/**
 * Lambda entry point (bundled by esbuild into index.js; the construct writes config.json beside it).
 * The SNS client and the compiled patterns live outside the handler, so warm invocations reuse them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SNSClient } from '@aws-sdk/client-sns';
import type { NotifierConfig } from './config';
import type { SubscriptionEvent } from './decode';
import { createNotifier } from './notify';

const config = JSON.parse(readFileSync(join(__dirname, 'config.json'), 'utf8')) as NotifierConfig;
const notify = createNotifier(config, new SNSClient({}));

export const handler = (event: SubscriptionEvent) => notify(event);

/** For the emulator check and the benchmark: the same code with another SNS client. */
export { createNotifier } from './notify';
export { encodePayload } from './decode';
