import fc from 'fast-check';
import { messageIdFor, portableSha256Hex } from '../../../shared/message-id';
import { nativeSha256Hex } from '../../../main/relay/intake';

// The relay hashes with node:crypto and a Segment Function bundle with @noble/hashes: a re-delivered event
// must get the same messageId from either, or Segment would count it twice.
describe('native and portable messageIds', () => {
  it('agree with the published SHA-256 test vector (FIPS 180-2, "abc")', () => {
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(nativeSha256Hex('abc')).toBe(abc);
    expect(portableSha256Hex('abc')).toBe(abc);
  });

  it('give every text, unicode and lone surrogates included, the same hash', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => {
        expect(nativeSha256Hex(text)).toBe(portableSha256Hex(text));
      }),
      { numRuns: 1_000 },
    );
  });

  it('give a Mailjet event the same messageId', () => {
    const event = { event: 'click' as const, time: 1433334653, email: 'api@mailjet.com', MessageID: '19421777836302490', url: 'https://mailjet.com/é' };
    expect(messageIdFor(event, nativeSha256Hex)).toBe(messageIdFor(event));
  });
});
