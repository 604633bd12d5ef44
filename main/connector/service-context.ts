// What every part of the connector service shares: the running relay engine, the secret store, the
// typed settings, a Mailjet client on the saved keys, and how settings reach the engine. Holds no
// secret of its own; secrets come from the engine's cache (the status poll must not hit the keychain).
import type { PublicUrlCheck } from '../../shared/api';
import type { RelayEngine } from '../engine/relay-engine';
import type { RelayLogger } from '../logging/relay-logger';
import type { CachedSecretName } from '../engine/secret-cache';
import type { SecretStore } from '../secrets/secret-store';
import type { ProgramEnv } from '../tunnel/program-lookup';
import type { SpawnTunnel } from '../tunnel/tunnel-process';
import type { TunnelSupervisor } from '../tunnel/tunnel-supervisor';
import { createMailjetRest, type MailjetRest } from '../upstream/mailjet/rest-core';
import { isOurCallbackUrl, buildMailjetCallbackUrl, connectorBaseUrl } from './connection-info';
import type { CallbackTarget } from './callback-registration';
import type { ConnectorSettings, ConnectorSettingsStore } from './connector-settings';

export interface ServiceDeps {
  engine: RelayEngine;
  secrets: SecretStore;
  settings: ConnectorSettingsStore;
  logger: RelayLogger;
  now?: () => number;
  fetch?: typeof fetch;
  /** Mailjet REST timeout for operator actions (default 30 s). */
  mailjetTimeoutMs?: number;
  /** Where tunnel programs are looked up (PATH, MJSC_CLOUDFLARED_PATH, MJSC_NGROK_PATH); default process.env. */
  env?: ProgramEnv;
  /** Starts a tunnel program; tests pass a stand-in. */
  spawnTunnel?: SpawnTunnel;
  /** Public URL proof: per request (default 10 s), and how long a new tunnel URL may take to work (default 60 s). */
  proofTimeoutMs?: number;
  tunnelProofWindowMs?: number;
}

export interface MailjetCheckState {
  /** Set when a check in this process found the saved keys working. A refusal is the engine's
   * credentialsBad, so a later success anywhere (delivery, lookup, operator action) clears it. */
  verdict?: 'valid';
}

type OptionalDeps = 'fetch' | 'mailjetTimeoutMs' | 'env' | 'spawnTunnel' | 'proofTimeoutMs' | 'tunnelProofWindowMs';

export interface ServiceContext extends Required<Omit<ServiceDeps, OptionalDeps>>, Pick<ServiceDeps, Exclude<OptionalDeps, 'fetch'>> {
  fetch: typeof fetch | undefined;
  /** The Mailjet API that will post to our callbacks (reachability depends on it). */
  mailjetApiUrl: string;
  /** The latest proof of the public URL, in memory: every process proves its URL again. */
  publicUrlCheck?: PublicUrlCheck;
  /** The built-in tunnel, once the service created it. */
  tunnel?: TunnelSupervisor;
  mailjet: MailjetCheckState;
  /** Mailjet client on the saved keys, taken from the engine's cache on every request. */
  rest: MailjetRest;
  /** A Mailjet client on candidate keys (saveCredentials checks them before storing). */
  restWith(credentials: { apiKey: string; secretKey: string }): MailjetRest;
  /** From the engine's cache; whoever writes a secret to the store calls engine.reloadSecrets(). */
  secret(name: CachedSecretName): Promise<string | undefined>;
  /** Wakes the engine after a settings change (it reads list, selection, options and switches itself). */
  applySettings(settings?: ConnectorSettings): void;
  /** Our callback URL and how to recognise our rows, for the current (and any earlier) base URL. */
  callbackTarget(previousBases?: readonly string[]): Promise<CallbackTarget>;
}

export function createServiceContext(deps: ServiceDeps): ServiceContext {
  const { engine, secrets, settings } = deps;
  const baseUrl = engine.config().upstream.mailjetApiUrl;
  const timeoutMs = deps.mailjetTimeoutMs ?? 30_000;
  const now = deps.now ?? Date.now;
  const restWith = (credentials: { apiKey: string; secretKey: string }): MailjetRest =>
    createMailjetRest({ baseUrl, credentials: () => credentials, fetch: deps.fetch, timeoutMs, now });
  // On the saved keys: a success tells the engine they work (a start-up refusal does not stick).
  const rest = createMailjetRest({
    baseUrl,
    credentials: async () => {
      const [apiKey, secretKey] = await Promise.all([secret('mailjetApiKey'), secret('mailjetSecretKey')]);
      return apiKey === undefined || secretKey === undefined ? undefined : { apiKey, secretKey };
    },
    fetch: deps.fetch,
    timeoutMs,
    now,
    onKeysAccepted: () => engine.reportCredentials('mailjet', undefined),
  });
  const secret = (name: CachedSecretName): Promise<string | undefined> => Promise.resolve(engine.secret(name));

  return {
    engine,
    secrets,
    settings,
    logger: deps.logger,
    now,
    fetch: deps.fetch,
    env: deps.env,
    spawnTunnel: deps.spawnTunnel,
    proofTimeoutMs: deps.proofTimeoutMs,
    tunnelProofWindowMs: deps.tunnelProofWindowMs,
    mailjetApiUrl: baseUrl,
    mailjet: {},
    secret,
    restWith,
    rest,
    // The engine reads the same settings model live; it only needs waking to act on a change.
    applySettings: () => engine.nudge(),
    async callbackTarget(previousBases = []) {
      const base = connectorBaseUrl(engine.relayUrl, settings.read().publicUrl);
      const eventsSecret = await secret('eventsSecret');
      if (eventsSecret === undefined) throw new Error('the events secret is missing; the host generates it at start');
      const bases = [base, ...previousBases];
      return { ourUrl: buildMailjetCallbackUrl(base, eventsSecret), isOurs: (url) => bases.some((known) => isOurCallbackUrl(url, known)) };
    },
  };
}
