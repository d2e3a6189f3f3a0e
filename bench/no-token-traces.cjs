// Preloaded into the floor (`node -r bench/no-token-traces.cjs bench/floor-app.cjs ...`) to run cdktf
// with the setting trailwatch's synth uses (stacks/token-creation-traces.ts): no token creation traces,
// every real Error formatted as Node.js does. The same few lines, not an import: the floor stays free of
// trailwatch's code. Compared with trailwatch under the same setting, the ratio is trailwatch's own cost.
'use strict';
Error.prepareStackTrace = (error, frames) => (error instanceof Error ? [String(error), ...frames.map((f) => `    at ${f}`)].join('\n') : '');
