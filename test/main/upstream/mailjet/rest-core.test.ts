import { createMailjetRest, parseRetryAfter, type MailjetCredentials } from '../../../../main/upstream/mailjet/rest-core';
import { MailjetApiError } from '../../../../main/upstream/mailjet/mailjet-api-error';

const KEYS: MailjetCredentials = { apiKey: 'apikey-0123456789abcdef', secretKey: 'secret-fedcba9876543210' };

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
}

function fakeFetch(answer: (seen: Seen) => Response | Promise<Response>): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const entry: Seen = {
      method: init?.method ?? 'GET',
      url: new URL(String(input)),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    seen.push(entry);
    return answer(entry);
  }) as typeof fetch;
  return { fetch: fn, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

async function failure(promise: Promise<unknown>): Promise<MailjetApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MailjetApiError) return error;
    throw error;
  }
  throw new Error('expected a MailjetApiError');
}

describe('createMailjetRest', () => {
  it('sends Basic auth and JSON to /v3/REST/<resource> under the configured base URL', async () => {
    const { fetch, seen } = fakeFetch(() => json(201, { Count: 1, Data: [{ ID: 7 }], Total: 1 }));
    const rest = createMailjetRest({ baseUrl: 'http://127.0.0.1:9/', credentials: () => KEYS, fetch });
    await rest.request('POST', 'contactslist', { body: { Name: 'A' }, query: { Limit: 1 } });
    const [call] = seen;
    expect(call?.url.pathname).toBe('/v3/REST/contactslist');
    expect(call?.url.searchParams.get('Limit')).toBe('1');
    expect(call?.headers.get('authorization')).toBe(`Basic ${Buffer.from(`${KEYS.apiKey}:${KEYS.secretKey}`).toString('base64')}`);
    expect(call?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(call?.body ?? '')).toEqual({ Name: 'A' });
  });

  it('keeps ids above 2^53 exact', async () => {
    const { fetch } = fakeFetch(() => new Response('{"Count":1,"Data":[{"ID":19421777835146490}],"Total":1}', { status: 200 }));
    const rest = createMailjetRest({ baseUrl: 'http://127.0.0.1:9', credentials: () => KEYS, fetch });
    const page = await rest.request<{ Data: Array<{ ID: unknown }> }>('GET', 'message');
    expect(page.Data[0]?.ID).toBe('19421777835146490');
  });

  it('answers undefined for a 204 DELETE', async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 204 }));
    const rest = createMailjetRest({ baseUrl: 'http://127.0.0.1:9', credentials: () => KEYS, fetch });
    await expect(rest.request('DELETE', 'eventcallbackurl/3')).resolves.toBeUndefined();
  });

  it('pages with Limit=1000 until Total is reached', async () => {
    const rows = Array.from({ length: 2345 }, (_, i) => ({ ID: i + 1 }));
    const { fetch, seen } = fakeFetch(({ url }) => {
      const limit = Number(url.searchParams.get('Limit'));
      const offset = Number(url.searchParams.get('Offset'));
      const data = rows.slice(offset, offset + limit);
      return json(200, { Count: data.length, Data: data, Total: rows.length });
    });
    const rest = createMailjetRest({ baseUrl: 'http://127.0.0.1:9', credentials: () => KEYS, fetch });
    const all = await rest.listAll<{ ID: number }>('eventcallbackurl');
    expect(all).toHaveLength(2345);
    expect(seen.map((s) => [s.url.searchParams.get('Limit'), s.url.searchParams.get('Offset')])).toEqual([
      ['1000', '0'],
      ['1000', '1000'],
      ['1000', '2000'],
    ]);
  });

  it('keeps paging past a server that caps pages below the asked Limit', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ ID: i + 1 }));
    const { fetch } = fakeFetch(({ url }) => {
      const offset = Number(url.searchParams.get('Offset'));
      const data = rows.slice(offset, offset + 10);
      return json(200, { Count: data.length, Data: data, Total: rows.length });
    });
    const rest = createMailjetRest({ baseUrl: 'http://127.0.0.1:9', credentials: () => KEYS, fetch });
    expect(await rest.listAll('contactslist')).toHaveLength(25);
  });

  it.each([
    [401, 'mailjet_credentials_invalid', false],
    [403, 'mailjet_credentials_invalid', false],
    [404, 'mailjet_not_found', false],
    [400, 'mailjet_bad_request', false],
    [408, 'mailjet_unavailable', true],
    [413, 'mailjet_rejected', false],
    [429, 'mailjet_rate_limited', true],
    [500, 'mailjet_unavailable', true],
    [503, 'mailjet_unavailable', true],
  ] as const)('HTTP %i becomes %s (retryable: %s)', async (status, code, retryable) => {
    const { fetch } = fakeFetch(() => json(status, { ErrorInfo: '', ErrorMessage: 'nope', StatusCode: status }));
    const rest = createMailjetRest({ baseUrl: 'http://127.0.0.1:9', credentials: () => KEYS, fetch });
    const error = await failure(rest.request('GET', 'contactslist'));
    expect(error).toMatchObject({ code, status, retryable });
    expect(error.message).not.toContain(KEYS.apiKey);
    expect(error.message).not.toContain(KEYS.secretKey);
  });

  it("carries Mailjet's ErrorMessage and ErrorInfo, with callback passwords masked", async () => {
    const { fetch } = fakeFetch(() =>
      json(400, { ErrorInfo: { Url: 'bad' }, ErrorMessage: 'MJ18 A EventCallbackURL resource with value "https://mailjet:hunter2secret@x.test/e" for EventType|Backup already exists.', StatusCode: 400 }),
    );
    const rest = createMailjetRest({ baseUrl: 'http://127.0.0.1:9', credentials: () => KEYS, fetch });
    const error = await failure(rest.request('POST', 'eventcallbackurl', { body: {} }));
    expect(error.isAlreadyExists).toBe(true);
    expect(error.upstreamInfo).toEqual({ Url: 'bad' });
    expect(error.message).toContain('MJ18');
    expect(error.message).not.toContain('hunter2secret');
    expect(error.upstreamMessage).not.toContain('hunter2secret');
  });

  it('reads Retry-After in seconds', async () => {
    const { fetch } = fakeFetch(() => json(429, {}, { 'retry-after': '7' }));
    const rest = createMailjetRest({ baseUrl: 'http://127.0.0.1:9', credentials: () => KEYS, fetch });
    expect((await failure(rest.request('GET', 'contactslist'))).retryAfterMs).toBe(7000);
  });

  it('reads Retry-After as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('reports a network failure as unreachable and retryable, without the URL or keys', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed: connect ECONNREFUSED http://apikey:secret@127.0.0.1:9');
    }) as typeof globalThis.fetch;
    const rest = createMailjetRest({ baseUrl: 'http://127.0.0.1:9', credentials: () => KEYS, fetch });
    const error = await failure(rest.request('GET', 'contactslist'));
    expect(error).toMatchObject({ code: 'mailjet_unreachable', kind: 'network', status: undefined, retryable: true });
    expect(error.message).not.toContain('secret');
  });

  it('reports a timeout as unreachable', async () => {
    const fetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof globalThis.fetch;
    const rest = createMailjetRest({ baseUrl: 'http://127.0.0.1:9', credentials: () => KEYS, fetch, timeoutMs: 20 });
    expect((await failure(rest.request('GET', 'contactslist'))).code).toBe('mailjet_unreachable');
  });

  it('refuses to call Mailjet without keys', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, {}));
    const rest = createMailjetRest({ baseUrl: 'http://127.0.0.1:9', credentials: async () => undefined, fetch });
    expect((await failure(rest.request('GET', 'contactslist'))).code).toBe('mailjet_credentials_missing');
    expect(seen).toHaveLength(0);
  });

  it('reports a non-JSON success body as a bad response', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>gateway</html>', { status: 200 }));
    const rest = createMailjetRest({ baseUrl: 'http://127.0.0.1:9', credentials: () => KEYS, fetch });
    const error = await failure(rest.request('GET', 'contactslist'));
    expect(error.code).toBe('mailjet_bad_response');
    // A proxy's page or a cut-off reply is a hiccup, not a refusal: retried like a 5xx.
    expect(error.retryable).toBe(true);
  });
});
