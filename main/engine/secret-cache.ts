// The secrets the relay and the workers need on every request, read from the SecretStore once and
// again on reload() (after a save or a rotation). Held in memory only; never written or logged.
import { addSecrets } from '../logging/redaction';
import { SECRET_NAMES, type SecretStore } from '../secrets/secret-store';

/** What the relay, the workers and the service read: the user's secrets, and the events secret a rotation replaced. */
export type CachedSecretName = (typeof SECRET_NAMES)[number] | 'previousEventsSecret';
const CACHED_NAMES: readonly CachedSecretName[] = [...SECRET_NAMES, 'previousEventsSecret'];

export interface SecretCache {
  get(name: CachedSecretName): string | undefined;
  reload(): Promise<void>;
}

export async function loadSecretCache(store: SecretStore): Promise<SecretCache> {
  let values: Partial<Record<CachedSecretName, string>> = {};
  const cache: SecretCache = {
    get: (name) => {
      const value = values[name];
      return value === undefined || value === '' ? undefined : value;
    },
    async reload() {
      const entries = await Promise.all(CACHED_NAMES.map(async (name) => [name, await store.get(name)] as const));
      values = Object.fromEntries(entries.filter(([, value]) => value !== undefined));
      // Defence in depth: the log redactor masks these values wherever they might appear.
      addSecrets([...Object.values(values), ...basicCredentials(values)]);
    },
  };
  await cache.reload();
  return cache;
}

/** The Basic header values built from these secrets: an upstream that echoes a request may quote them bare. */
function basicCredentials(values: Partial<Record<CachedSecretName, string>>): string[] {
  const basic = (user: string, password: string): string => Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
  const out: string[] = [];
  if (values.mailjetApiKey !== undefined && values.mailjetSecretKey !== undefined) out.push(basic(values.mailjetApiKey, values.mailjetSecretKey));
  if (values.segmentWriteKey !== undefined) out.push(basic(values.segmentWriteKey, ''));
  return out;
}
