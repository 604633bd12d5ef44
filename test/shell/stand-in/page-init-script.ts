// Runs in the page before its own scripts: puts the preload's contextBridge objects on window, and
// routes clipboard permission through the app's session handlers, as Electron's embedder layer does.
// Self-contained: playwright serialises this function into the page.

interface BridgeResult {
  ok: boolean;
  value?: unknown;
  error?: unknown;
}

export function pageInitScript(spec: Record<string, string[]>): void {
  const host = window as unknown as {
    __standInBridge(key: string, method: string, args: unknown[]): Promise<BridgeResult>;
    __standInPermission(permission: string): Promise<boolean>;
  };
  for (const [key, methods] of Object.entries(spec)) {
    const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const method of methods) {
      api[method] = async (...args) => {
        const result = await host.__standInBridge(key, method, args);
        if (result.ok) return result.value;
        throw result.error;
      };
    }
    Object.defineProperty(window, key, { value: Object.freeze(api), enumerable: true });
  }
  const clipboard = navigator.clipboard;
  if (!clipboard) return;
  const gate = <A extends unknown[], R>(permission: string, original: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    if (!(await host.__standInPermission(permission))) throw new DOMException('Permission denied by the app.', 'NotAllowedError');
    return original.apply(clipboard, args);
  };
  clipboard.writeText = gate('clipboard-sanitized-write', clipboard.writeText);
  clipboard.readText = gate('clipboard-read', clipboard.readText);
}
