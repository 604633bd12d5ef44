// What the test can do to the running app, as a user would: click in the window by role and name,
// read its text, read the clipboard, pick a tray item, or call the page's bridge during load.
import { anyCarrierOrigin } from './stand-in-protocol';
import { trays } from './stand-in-ui';
import { windows } from './stand-in-window';

function currentPage() {
  const page = [...windows].at(-1)?.webContents.page;
  if (!page) throw new Error('no window is open');
  return page;
}

/** Polls until the app has opened its window (it does so once the relay has started). */
async function openedPage(timeoutMs: number) {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((r) => setTimeout(r, 50))) {
    const page = [...windows].at(-1)?.webContents.page;
    if (page) return page;
  }
  return currentPage();
}

export async function runCommand(cmd: string, args: Record<string, unknown>): Promise<unknown> {
  switch (cmd) {
    case 'click': {
      await currentPage().getByRole(args.role as 'button', { name: String(args.name), exact: true }).first().click();
      return null;
    }
    case 'waitForText': {
      const timeoutMs = Number(args.timeoutMs ?? 30_000);
      await (await openedPage(timeoutMs)).getByText(String(args.text)).first().waitFor({ timeout: timeoutMs });
      return null;
    }
    case 'text':
      return currentPage().locator('body').innerText();
    case 'evaluate':
      return currentPage().evaluate(String(args.expression));
    case 'clipboard':
      return readClipboard();
    case 'tray': {
      const tray = trays.at(-1);
      if (!tray) throw new Error('no tray icon');
      tray.pick(String(args.label));
      return null;
    }
    case 'windowCount':
      return windows.size;
    default:
      throw new Error(`unknown command ${cmd}`);
  }
}

/** Reads Chromium's clipboard from a separate page that may read it (the app's own page may not). */
async function readClipboard(): Promise<string> {
  const origin = anyCarrierOrigin();
  if (!origin) throw new Error('no page origin to read the clipboard from');
  const context = await currentPage().context().browser()!.newContext({ permissions: ['clipboard-read'] });
  try {
    const reader = await context.newPage();
    await reader.goto(`${origin}/clipboard-reader/`);
    return await reader.evaluate(() => navigator.clipboard.readText());
  } finally {
    await context.close();
  }
}
