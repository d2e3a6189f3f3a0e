import { contributorKey, contributorPrincipalOf, principalOf, summarize, valueAt } from '../event-summary';
import { consoleLogin, stopLogging } from './sample-logs';

describe('event summaries', () => {
  it('names the principal by ARN, else user name, else principal id', () => {
    expect(principalOf(stopLogging('2026-10-01T09:40:00Z'))).toBe('arn:aws:sts::111122223333:assumed-role/developer/dev-session');
    expect(principalOf({ userIdentity: { type: 'IAMUser', accountId: '111122223333', userName: 'HIDDEN_DUE_TO_SECURITY_REASONS' } })).toBe('HIDDEN_DUE_TO_SECURITY_REASONS');
    expect(principalOf({ userIdentity: { type: 'IdentityCenterUser', onBehalfOf: { userId: '9067a1b2-c3d4' } } })).toBe('9067a1b2-c3d4');
    expect(principalOf({})).toBe('unknown');
  });

  it('keys failed sign-ins like the Contributor Insights rule: account and user name (console), user name (Identity Center)', () => {
    expect(contributorPrincipalOf(consoleLogin({ user: 'alice', ip: '203.0.113.50', time: '2026-10-01T08:00:00Z', success: false }))).toBe('111122223333 alice');
    expect(contributorPrincipalOf({ eventName: 'ConsoleLogin', recipientAccountId: '444455556666', userIdentity: { type: 'IAMUser', userName: 'HIDDEN_DUE_TO_SECURITY_REASONS' } })).toBe('444455556666 HIDDEN_DUE_TO_SECURITY_REASONS');
    expect(contributorPrincipalOf({ eventName: 'CredentialVerification', recipientAccountId: '111122223333', userIdentity: { type: 'Unknown', userName: 'jdoe@example.com' } })).toBe('jdoe@example.com');
  });

  it('summarizes a record and a text message', () => {
    expect(summarize(stopLogging('2026-10-01T09:40:00Z'), Date.parse('2026-10-01T09:40:00Z'))).toEqual({
      time: '2026-10-01T09:40:00Z',
      account: '111122223333',
      principal: 'arn:aws:sts::111122223333:assumed-role/developer/dev-session',
      sourceIp: '203.0.113.77',
      eventName: 'StopLogging',
    });
    expect(summarize('x'.repeat(100), NaN)).toMatchObject({ time: 'unknown', eventName: `${'x'.repeat(57)}...` });
  });
});

describe('Contributor Insights keys', () => {
  const record = { eventName: 'ConsoleLogin', recipientAccountId: '111122223333', userIdentity: { userName: 'alice', arn: 'arn:aws:iam::111122223333:user/alice' }, resources: [{ ARN: 'r0' }, { ARN: 'r1' }], n: 3 };

  it('reads $.a.b and $.a[0].b paths, as text', () => {
    expect(valueAt(record, '$.userIdentity.userName')).toBe('alice');
    expect(valueAt(record, '$.resources[1].ARN')).toBe('r1');
    expect(valueAt(record, '$.n')).toBe('3');
    expect(valueAt(record, '$.userIdentity.missing')).toBeUndefined();
    expect(valueAt(record, '$.resources[5].ARN')).toBeUndefined();
  });

  it('keys a contributor by the configured fields, `-` for an absent one', () => {
    expect(contributorKey(record, ['$.userIdentity.arn'])).toBe('arn:aws:iam::111122223333:user/alice');
    expect(contributorKey(record, ['$.recipientAccountId', '$.userIdentity.sessionContext'])).toBe('111122223333 -');
    expect(contributorPrincipalOf(record, { console: ['$.userIdentity.arn'], identityCenter: [], sourceIp: [] })).toBe('arn:aws:iam::111122223333:user/alice');
  });
});
