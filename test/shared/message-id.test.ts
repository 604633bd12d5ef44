import type { MailjetEvent } from '../../shared/mailjet-event';
import { messageIdFor } from '../../shared/message-id';

const base: MailjetEvent = {
  event: 'click',
  time: 1433334653,
  email: 'api@mailjet.com',
  MessageID: '19421777836302490',
  url: 'https://mailjet.com',
  ip: '127.0.0.1',
};

describe('messageIdFor', () => {
  it('is mj- plus a hash, under 100 characters', () => {
    const id = messageIdFor(base);
    expect(id).toMatch(/^mj-[0-9a-f]{64}$/);
    expect(id.length).toBeLessThan(100);
  });

  it('is the same for the same event posted twice', () => {
    expect(messageIdFor({ ...base })).toBe(messageIdFor(structuredClone(base)));
  });

  it('ignores fields that do not identify the event', () => {
    expect(messageIdFor({ ...base, ip: '10.0.0.1', agent: 'other' })).toBe(messageIdFor(base));
  });

  it.each<[string, Partial<MailjetEvent>]>([
    ['event', { event: 'open' }],
    ['MessageID', { MessageID: '19421777836302491' }],
    ['time', { time: 1433334654 }],
    ['url', { url: 'https://mailjet.com/other' }],
    ['email', { email: 'other@mailjet.com' }],
  ])('changes when %s differs', (_field, change) => {
    expect(messageIdFor({ ...base, ...change })).not.toBe(messageIdFor(base));
  });

  it('cannot be collided by moving text between fields', () => {
    const a = messageIdFor({ ...base, url: 'x|a@b.co', email: 'c@d.co' });
    const b = messageIdFor({ ...base, url: 'x', email: 'a@b.co|c@d.co' });
    expect(a).not.toBe(b);
  });
});
