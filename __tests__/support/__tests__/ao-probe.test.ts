import { App, Testing } from 'cdktf';
import { loadFile } from '../../../config/load';
import { EnvironmentStack } from '../../../stacks/environment-stack';
import { applyOrderReport } from '../apply-order';
it('probe', () => {
  for (const f of ['config/acme-prod.yaml', 'config/acme-sandbox.yaml', 'config/globex-prod.yaml']) {
    const { env, problems } = loadFile(f);
    if (!env) throw new Error(problems.join('\n'));
    const json = JSON.parse(Testing.synth(new EnvironmentStack(new App(), env), true));
    console.log(f + '\n' + applyOrderReport(json).join('\n'));
  }
});
