// Local ESLint rule: keeps imports inside main/ pointing down one layer map (after VS Code's
// code-layering rule). A folder under main/ that is not in the map is an error, so every new room gets placed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Lowest first. A folder may import its own files and any folder in a lower layer, never one in its own
 * layer or above. Sub-folders (e.g. upstream/mailjet/) belong to their top folder's layer.
 * @type {ReadonlyArray<ReadonlyArray<string>>}
 */
export const layers = [
  ['errors'], // the error model: codes and the base class; imports shared/ only
  ['config'], // listener configuration (host, port, body limits, upstream URLs)
  ['logging'], // the logger, redaction, secret masking
  ['secrets'], // keychain and other secret stores
  ['storage'], // SQLite: queue, activity, identity map, operator settings
  ['upstream'], // Mailjet (upstream/mailjet/) and Segment clients
  ['tunnel'], // the built-in tunnel: finds and runs cloudflared or ngrok, reads its public URL
  ['delivery'], // retry policy, failure classification, the worker loop
  ['workers'], // contact sync and event forwarding
  ['relay'], // the HTTP intake (fastify routes); nothing below it calls into it
  ['engine'], // composes storage, relay and workers for one data dir
  ['backfill'], // the history import: files into staged contacts, then into the item queue
  ['connector'], // the ConnectorApi service over the engine
  ['control'], // the web console's HTTP API and the local control socket
  ['host'], // starting the back end for a shell (it serves the control socket)
  ['cli', 'electron'], // the two shells
];

const mainRoot = fileURLToPath(new URL('../main', import.meta.url));
const layerOf = new Map(layers.flatMap((names, index) => names.map((name) => [name, index])));

/** The top folder under main/ that holds `file`, '' for a file directly in main/, undefined outside main/. */
function mainFolderOf(file) {
  const relative = path.relative(mainRoot, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const parts = relative.split(path.sep);
  return parts.length > 1 ? parts[0] : '';
}

function describeFolder(folder) {
  return folder === '' ? 'main/ (a file outside any folder)' : `main/${folder}/`;
}

/** @type {import('eslint').Rule.RuleModule} */
const mainLayering = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports inside main/ follow the layer map in eslint-rules/main-layering.js' },
    schema: [],
    messages: {
      upward:
        '{{from}} may not import {{to}}: {{to}} is not below it in the layer map (eslint-rules/main-layering.js). Move the shared piece down a layer, or pass it in from above.',
      unplaced:
        '{{folder}} is not in the layer map: add it to a layer in eslint-rules/main-layering.js so its imports are checked.',
    },
  },
  create(context) {
    const file = context.filename;
    const from = mainFolderOf(file);
    if (from === undefined) return {};
    const fromLayer = layerOf.get(from);
    if (fromLayer === undefined) {
      return { Program: (node) => context.report({ node, messageId: 'unplaced', data: { folder: describeFolder(from) } }) };
    }

    function check(node, specifier) {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const to = mainFolderOf(path.resolve(path.dirname(file), specifier));
      if (to === undefined || to === from) return;
      const toLayer = layerOf.get(to);
      if (toLayer === undefined) {
        context.report({ node, messageId: 'unplaced', data: { folder: describeFolder(to) } });
        return;
      }
      if (toLayer >= fromLayer) {
        context.report({ node, messageId: 'upward', data: { from: describeFolder(from), to: describeFolder(to) } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      // typescript-eslint 8 names the specifier `source`; older versions wrap it in `argument`.
      TSImportType: (node) => (node.source ? check(node.source, node.source.value) : check(node, node.argument?.literal?.value)),
    };
  },
};

export default mainLayering;
