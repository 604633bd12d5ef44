// Reading one history line or CSV row: identify calls become contacts (payload kept verbatim, exact big
// integers included), everything else is skipped with a reason; a write key never reaches the queue.
import { findCsvColumns, messageTime, readCsvRow, readJsonLine } from '../../../main/backfill/history-record';

describe('readJsonLine', () => {
  it.each([
    ['{"type":"track","userId":"u1","event":"Signed In"}', 'a track call (only identify calls update Mailjet)'],
    ['{"type":"identify","userId":"u1","traits":{"name":"No Mail"}}', 'no valid email in traits.email or context.traits.email'],
    ['{"type":"identify","traits":{"email":"a@example.com"}}', 'not a Segment message: no userId or anonymousId'],
    ['{not json', 'the line is not valid JSON'],
    ['[1,2]', 'the line is not a JSON object'],
  ])('skips %s with the reason', (line, reason) => {
    expect(readJsonLine(line)).toEqual({ skipped: reason });
  });

  it('ignores a blank line', () => {
    expect(readJsonLine('   ')).toBeUndefined();
  });

  it('keeps the line verbatim, so integers above 2^53 stay exact, keyed by the lower-cased email', () => {
    const line = '{"type":"identify","userId":"u1","timestamp":"2025-02-03T04:05:06Z","traits":{"email":" Ada@Example.com","account":12345678901234567890}}';
    const record = readJsonLine(line);
    expect(record).toEqual({
      contact: { emailKey: 'ada@example.com', email: 'Ada@Example.com', messageAt: Date.parse('2025-02-03T04:05:06Z'), payload: line, userId: 'u1' },
    });
  });

  it('never carries a write key into the stored call', () => {
    const record = readJsonLine('{"type":"identify","userId":"u1","writeKey":"wk-secret-123","traits":{"email":"a@example.com"}}');
    expect(record !== undefined && 'contact' in record && record.contact.payload).not.toContain('wk-secret-123');
  });
});

describe('CSV rows', () => {
  it('finds the email, userId and timestamp columns by name, any case', () => {
    expect(findCsvColumns(['First Name', 'E-Mail', 'User_Id', 'Timestamp'])).toEqual({ email: 'E-Mail', userId: 'User_Id', timestamp: 'Timestamp' });
    expect(findCsvColumns(['name', 'phone'])).toBeUndefined();
  });

  it('turns the other non-empty cells into traits of an identify call', () => {
    const columns = { email: 'email', timestamp: 'timestamp' };
    const record = readCsvRow({ email: 'grace@example.com', plan: 'team', zip: '02134', empty: '', timestamp: '2024-05-01T00:00:00Z' }, columns);
    if (record === undefined || !('contact' in record)) throw new Error('expected a contact');
    expect(JSON.parse(record.contact.payload)).toEqual({
      type: 'identify',
      anonymousId: 'grace@example.com',
      traits: { email: 'grace@example.com', plan: 'team', zip: '02134' },
      timestamp: '2024-05-01T00:00:00Z',
    });
    expect(record.contact.messageAt).toBe(Date.parse('2024-05-01T00:00:00Z'));
    expect(readCsvRow({ email: 'nope' }, columns)).toEqual({ skipped: 'the row has no valid email' });
  });
});

it('takes the message time from timestamp, else the other times archives carry, else 0', () => {
  expect(messageTime({ originalTimestamp: '2025-01-01T00:00:00Z' })).toBe(Date.parse('2025-01-01T00:00:00Z'));
  expect(messageTime({ receivedAt: '2025-01-02T00:00:00Z', timestamp: 'garbage' })).toBe(Date.parse('2025-01-02T00:00:00Z'));
  expect(messageTime({})).toBe(0);
});
