// The environment each shell test gives the app: its own data dir, any free relay port, a known relay
// key (so the clipboard can be checked) and upstream URLs that go nowhere, so nothing leaves 127.0.0.1.
export function shellEnv(dataDir: string, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    MJSC_DATA_DIR: dataDir,
    MJSC_PORT: '0',
    MJSC_RELAY_KEY: 'rk_shell_test_5f1c0e2a9b7d4c3e',
    MJSC_MAILJET_API_URL: 'http://127.0.0.1:9',
    MJSC_SEGMENT_API_URL: 'http://127.0.0.1:9',
    ...extra,
  };
}
