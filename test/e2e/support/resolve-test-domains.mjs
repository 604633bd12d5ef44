// Loaded with `node --import` into the relay process of an end-to-end test only: names under the
// reserved `.test` TLD (RFC 2606) resolve to 127.0.0.1, so a Mailjet API URL that is not loopback by
// its name (http://mailjet-api.test:PORT) still reaches the emulator. Nothing else changes.
import dns from 'node:dns';

const original = dns.lookup;
dns.lookup = function lookupTestDomains(hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const settings = typeof options === 'object' && options !== null ? options : {};
  if (typeof hostname !== 'string' || !/\.test\.?$/i.test(hostname)) return original.apply(this, arguments);
  process.nextTick(() => (settings.all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
  return undefined;
};
