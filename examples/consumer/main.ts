/** Initech's CDKTF app: `npm run synth` (tsc, then plain node), or `cdktf synth|deploy`. */
import { App } from 'cdktf';
import { SecurityAlarmsStack } from './stack';

const app = new App();
new SecurityAlarmsStack(app, 'initech-security-alarms', {
  accountId: '210987654321',
  region: 'us-east-2',
  logGroupName: 'aws-controltower/CloudTrailLogs',
  securityEmail: 'secops@initech.example',
});
app.synth();
