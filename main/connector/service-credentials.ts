// Keys: saveCredentials checks Mailjet keys with a real call before storing them (only keys that work
// are kept), generates the relay key and events secret, and describes the credentials masked. A secret
// never leaves here except into the SecretStore and the logger's redaction list.
import { randomBytes } from 'node:crypto';
import type { ConnectorArg, CredentialsStatus } from '../../shared/api';
import { registerSecret } from '../logging/redaction';
import type { SecretName, SecretStore } from '../secrets/secret-store';
import { checkMailjetCredentials } from './credential-check';
import { maskSecret } from '../logging/secret-masking';
import { connectorErrors, ConnectorError } from './service-errors';
import type { ServiceContext } from './service-context';

/** 32 random bytes, URL-safe: fits a Basic-auth user, a URL's userinfo and an HTTP header unescaped. */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * First start: create the relay key and events secret when the store has none. The engine's secret cache,
 * loaded right after, registers every stored secret for redaction.
 */
export async function ensureGeneratedSecrets(secrets: SecretStore): Promise<void> {
  for (const name of ['relayKey', 'eventsSecret'] as const) {
    const value = await secrets.get(name);
    if (value === undefined || value === '') await secrets.set(name, generateSecret());
  }
}

export async function saveCredentials(context: ServiceContext, arg: ConnectorArg<'saveCredentials'>): Promise<void> {
  refuseWithoutKeychain(context.secrets, (['mailjetApiKey', 'mailjetSecretKey', 'segmentWriteKey'] as const).filter((name) => arg[name] !== undefined));
  const toStore: Array<[SecretName, string]> = [];
  if (arg.mailjetApiKey !== undefined || arg.mailjetSecretKey !== undefined) {
    const apiKey = arg.mailjetApiKey ?? (await context.secret('mailjetApiKey'));
    const secretKey = arg.mailjetSecretKey ?? (await context.secret('mailjetSecretKey'));
    registerSecret(arg.mailjetApiKey);
    registerSecret(arg.mailjetSecretKey);
    if (apiKey === undefined || secretKey === undefined) throw connectorErrors.mailjetKeysIncomplete();
    const check = await checkMailjetCredentials(context.restWith({ apiKey, secretKey }));
    if (check.state === 'invalid') throw connectorErrors.mailjetKeysInvalid();
    // Unreachable or another refusal: keep the message (it says what to check); nothing is stored.
    if (check.state !== 'ok') throw new ConnectorError(check.code, `${check.message} Nothing was saved.`);
    if (arg.mailjetApiKey !== undefined) toStore.push(['mailjetApiKey', arg.mailjetApiKey]);
    if (arg.mailjetSecretKey !== undefined) toStore.push(['mailjetSecretKey', arg.mailjetSecretKey]);
  }
  if (arg.segmentWriteKey !== undefined) {
    registerSecret(arg.segmentWriteKey);
    toStore.push(['segmentWriteKey', arg.segmentWriteKey]);
  }
  await storeTogether(context.secrets, toStore);
  if (toStore.some(([name]) => name.startsWith('mailjet'))) context.mailjet.verdict = 'valid';
  await context.engine.reloadSecrets();
}

/**
 * Without a usable keychain nothing can be kept, so saving stops before any check, with what to install
 * or unlock. Keys that the environment pins all the way are left to the store (409, as with a keychain).
 */
function refuseWithoutKeychain(secrets: SecretStore, names: readonly SecretName[]): void {
  const blocked = secrets.unavailable;
  if (blocked === undefined || names.every((name) => blocked.pinned.includes(name))) return;
  throw connectorErrors.keychainUnavailable(blocked.reason);
}

/** All or nothing: when the keychain refuses one value, the ones already written are put back. */
async function storeTogether(secrets: SecretStore, values: ReadonlyArray<[SecretName, string]>): Promise<void> {
  const previous = await Promise.all(values.map(async ([name]) => [name, await secrets.get(name)] as const));
  const written: SecretName[] = [];
  try {
    for (const [name, value] of values) {
      await secrets.set(name, value);
      written.push(name);
    }
  } catch (error) {
    for (const [name, value] of previous.filter(([name]) => written.includes(name))) {
      await (value === undefined ? secrets.delete(name) : secrets.set(name, value)).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * Checks the saved Mailjet keys once (at start), so the status can say valid or invalid. A refusal is
 * reported to the engine, where any later authenticated success clears it (keys fixed in Mailjet).
 */
export async function verifySavedMailjetKeys(context: ServiceContext): Promise<void> {
  const check = await checkMailjetCredentials(context.rest);
  if (check.state === 'ok') context.mailjet.verdict = 'valid';
  else if (check.state === 'invalid' && check.code === 'mailjet_credentials_invalid') context.engine.reportCredentials('mailjet', { code: check.code, message: check.message });
}

export async function describeCredentials(context: ServiceContext): Promise<CredentialsStatus> {
  const [apiKey, secretKey, writeKey] = await Promise.all([
    context.secret('mailjetApiKey'),
    context.secret('mailjetSecretKey'),
    context.secret('segmentWriteKey'),
  ]);
  const { credentialsBad: bad, credentialsAccepted } = context.engine.status();
  const accepted = context.mailjet.verdict === 'valid' || credentialsAccepted.mailjet;
  const mailjet = apiKey === undefined || secretKey === undefined ? 'missing' : bad?.mailjet !== undefined ? 'invalid' : accepted ? 'valid' : 'unverified';
  const segment = writeKey === undefined ? 'missing' : bad?.segment !== undefined ? 'invalid' : credentialsAccepted.segment ? 'accepted' : 'present';
  const status: CredentialsStatus = { mailjet, segment, source: context.secrets.source };
  if (apiKey !== undefined) status.mailjetApiKeyMasked = maskSecret(apiKey);
  if (writeKey !== undefined) status.segmentWriteKeyMasked = maskSecret(writeKey);
  const withoutKeychain = context.secrets.unavailable;
  if (mailjet === 'invalid') {
    status.problem = { code: 'credentials_invalid', message: 'Mailjet refuses the saved API key and secret key. Copy both keys again from Mailjet > Account settings > REST API keys and save them.' };
  } else if (segment === 'invalid') {
    status.problem = { code: 'credentials_invalid', message: 'Segment refuses the saved write key. Copy the write key of your Segment source again and save it.' };
  } else if (withoutKeychain !== undefined) {
    status.problem = { code: 'keychain_unavailable', message: withoutKeychain.reason };
  }
  return status;
}
