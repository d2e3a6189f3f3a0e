/**
 * Every row of the two tables in the CloudWatch User Guide, "How alarm state is evaluated when data
 * is missing" (awsdocs/amazon-cloudwatch-user-guide, doc_source/AlarmThatSendsEmail.md), for every
 * treat-missing-data setting. In the tables "0 is a non-breaching data point, X is a breaching data
 * point, and - is a missing data point", oldest first ("the oldest evaluated data point"), and
 * "CloudWatch retrieves the 5 most recent data points".
 */
import { type AlarmDefinition, type AlarmState, type TreatMissingData, nextState } from '../evaluate';

const RETAIN = 'retain';
type Expected = AlarmState | typeof RETAIN;

/** Columns of the tables: MISSING, IGNORE, BREACHING, NOT BREACHING. */
const COLUMNS: readonly TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

function datapoints(row: string): (number | undefined)[] {
  return row.split(' ').map((c) => (c === '-' ? undefined : c === 'X' ? 5 : 0));
}

function check(m: number, n: number, rows: readonly [string, Expected, Expected, Expected, Expected][]): void {
  for (const [row, ...expected] of rows) {
    COLUMNS.forEach((treatMissingData, i) => {
      const def: AlarmDefinition = { threshold: 1, periodSeconds: 300, evaluationPeriods: n, datapointsToAlarm: m, treatMissingData };
      for (const current of ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const) {
        const want = expected[i] === RETAIN ? current : expected[i];
        test(`${m} of ${n}: ${row} with ${treatMissingData}, from ${current} -> ${want}`, () => {
          expect(nextState(def, datapoints(row), current)).toBe(want);
        });
      }
    });
  }
}

describe('first table: Datapoints to Alarm and Evaluation Periods both 3', () => {
  check(3, 3, [
    ['0 - X - X', 'OK', 'OK', 'OK', 'OK'],
    ['0 - - - -', 'OK', 'OK', 'OK', 'OK'],
    ['- - - - -', 'INSUFFICIENT_DATA', RETAIN, 'ALARM', 'OK'],
    ['0 X X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
    ['- - - - X', 'INSUFFICIENT_DATA', RETAIN, 'ALARM', 'OK'],
    ['X - - - -', 'ALARM', RETAIN, 'ALARM', 'OK'],
  ]);
});

describe('second table: 2 out of 3', () => {
  check(2, 3, [
    ['0 - X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
    ['0 0 X 0 X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
    ['0 - X - -', 'OK', 'OK', 'ALARM', 'OK'],
    ['- - - - 0', 'OK', 'OK', 'ALARM', 'OK'],
    ['- - - - X', 'INSUFFICIENT_DATA', RETAIN, 'ALARM', 'OK'],
  ]);
});

test('the text under the first table: the second row goes to ALARM with breaching once the 0 leaves the range', () => {
  const def: AlarmDefinition = { threshold: 1, periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'breaching' };
  expect(nextState(def, datapoints('0 - - - -'), 'OK')).toBe('OK');
  expect(nextState(def, datapoints('- - - - -'), 'OK')).toBe('ALARM');
});
