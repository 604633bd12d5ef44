// The TextEncoder stand-in the bundles install where Segment's runtime has none: byte-for-byte UTF-8.
import fc from 'fast-check';
import { binaryStringToBytes, bytesToBinaryString, utf8Bytes } from '../../../shared/functions/utf8-bytes';

describe('utf8Bytes', () => {
  it.each([
    ['ascii', 'mailjet:secret'],
    ['two-byte', 'ünïcode'],
    ['three-byte', '€ 中文'],
    ['four-byte (surrogate pair)', '📧'],
    ['lone high surrogate', 'a\uD800b'],
    ['lone low surrogate', '\uDC00'],
  ])('encodes %s text exactly as TextEncoder does', (_label, text) => {
    expect([...utf8Bytes(text)]).toEqual([...new TextEncoder().encode(text)]);
  });

  it('matches TextEncoder on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect([...utf8Bytes(text)]).toEqual([...new TextEncoder().encode(text)]);
    }));
  });

  it('round-trips bytes through the binary strings btoa and atob use', () => {
    const bytes = utf8Bytes('mailjet:ev-s3cret-ünïcode');
    expect(binaryStringToBytes(atob(btoa(bytesToBinaryString(bytes))))).toEqual(bytes);
  });
});
