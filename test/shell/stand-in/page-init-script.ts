// Runs in the page before its own scripts: puts the preload's contextBridge objects on window, and
// routes clipboard permission through the app's session handlers, as Electron's embedder layer does.
// Kept as source text: a compiled function would carry the TypeScript loader's helpers (__name),
// which do not exist in the page.

const PAGE_INIT_SOURCE = `(spec) => {
  for (const [key, methods] of Object.entries(spec)) {
    const api = {};
    for (const method of methods) {
      api[method] = async (...args) => {
        const result = await window.__standInBridge(key, method, args);
        if (result.ok) return result.value;
        throw result.error;
      };
    }
    Object.defineProperty(window, key, { value: Object.freeze(api), enumerable: true });
  }
  const clipboard = navigator.clipboard;
  if (!clipboard) return;
  for (const [name, permission] of [['writeText', 'clipboard-sanitized-write'], ['readText', 'clipboard-read']]) {
    const original = clipboard[name];
    clipboard[name] = async (...args) => {
      if (!(await window.__standInPermission(permission))) throw new DOMException('Permission denied by the app.', 'NotAllowedError');
      return original.apply(clipboard, args);
    };
  }
}`;

/** The script for page.addInitScript: the bridge objects named in spec (key -> function names). */
export function pageInitScript(spec: Record<string, string[]>): { content: string } {
  return { content: `(${PAGE_INIT_SOURCE})(${JSON.stringify(spec)});` };
}
