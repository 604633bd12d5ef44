// The layering rule as a developer meets it: an import that points up the layer map, or into a folder
// the map does not place, fails lint with a message naming both folders; downward imports pass.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import mainLayering, { layers } from '../../eslint-rules/main-layering.js';

RuleTester.describe = describe;
RuleTester.it = it;

const mainRoot = path.resolve(import.meta.dirname, '../../main');
const inMain = (file: string) => path.join(mainRoot, file);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });

tester.run('main-layering', mainLayering, {
  valid: [
    { name: 'downward: delivery reads storage', filename: inMain('delivery/item-settlement.ts'), code: "import type { ItemQueue } from '../storage/item-queue';" },
    { name: 'downward: engine composes workers', filename: inMain('engine/relay-engine.ts'), code: "import { startWorkers } from '../workers/contact-sync-worker';" },
    { name: 'downward: a sub-folder counts as its top folder', filename: inMain('workers/bulk-upsert.ts'), code: "import { lists } from '../upstream/mailjet/lists';" },
    { name: 'inside one folder', filename: inMain('storage/item-queue.ts'), code: "import type { NewItem } from './queue-rows';" },
    { name: 'shared/ is open to every layer', filename: inMain('errors/coded-error.ts'), code: "import type { EventType } from '../../shared/api';" },
    { name: 'packages are not layers', filename: inMain('logging/logger.ts'), code: "import pino from 'pino';" },
    { name: 'files outside main/ are not checked', filename: path.resolve(mainRoot, '../test/x.test.ts'), code: "import { x } from '../main/cli/mjsc';" },
  ],
  invalid: [
    {
      name: 'upward: storage importing the engine',
      filename: inMain('storage/item-queue.ts'),
      code: "import type { RelayEngine } from '../engine/relay-engine';",
      errors: [{ messageId: 'upward', data: { from: 'main/storage/', to: 'main/engine/' } }],
    },
    {
      name: 'upward: upstream importing the connector (where secret masking used to live)',
      filename: inMain('upstream/mailjet-errors.ts'),
      code: "import { redactUrlCredentials } from '../connector/secret-masking';",
      errors: [{ messageId: 'upward', data: { from: 'main/upstream/', to: 'main/connector/' } }],
    },
    {
      name: 'sideways: control and host share a layer',
      filename: inMain('control/control-server.ts'),
      code: "export { startConnectorHost } from '../host/start-connector-host';",
      errors: [{ messageId: 'upward', data: { from: 'main/control/', to: 'main/host/' } }],
    },
    {
      name: 'upward through a dynamic import and an import type',
      filename: inMain('config/relay-config.ts'),
      code: "const m = import('../cli/mjsc'); type T = import('../electron/main').X;",
      errors: [
        { messageId: 'upward', data: { from: 'main/config/', to: 'main/cli/' } },
        { messageId: 'upward', data: { from: 'main/config/', to: 'main/electron/' } },
      ],
    },
    {
      name: 'a folder not in the map is reported, so it must be placed',
      filename: inMain('plugins/plugin-loader.ts'),
      code: "import { createLogger } from '../logging/logger';",
      errors: [{ messageId: 'unplaced', data: { folder: 'main/plugins/' } }],
    },
    {
      name: 'importing a folder not in the map is reported',
      filename: inMain('engine/relay-engine.ts'),
      code: "import { loadPlugins } from '../plugins/plugin-loader';",
      errors: [{ messageId: 'unplaced', data: { folder: 'main/plugins/' } }],
    },
  ],
});

describe('the layer map', () => {
  it('places every folder that exists under main/ exactly once', () => {
    const folders = readdirSync(mainRoot, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const placed = layers.flat();
    expect(new Set(placed).size).toBe(placed.length);
    expect(folders.filter((folder) => !placed.includes(folder))).toEqual([]);
  });
});
