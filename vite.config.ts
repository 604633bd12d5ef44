// One config for the renderer bundle, the Electron main/preload/CLI bundles, and vitest.
import { defineConfig, type PluginOption } from 'vite';
import react from '@vitejs/plugin-react';
import electron from 'vite-plugin-electron/simple';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
};
// Runtime dependencies stay in node_modules (native keytar and libsql cannot be bundled).
const runtimeDependencies = Object.keys(pkg.dependencies ?? {});
const isExternal = (id: string): boolean =>
  runtimeDependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

const isVitest = process.env.VITEST !== undefined;

export default defineConfig(async () => {
  const plugins: PluginOption[] = [react()];
  if (!isVitest) {
    plugins.push(
      await electron({
        main: {
          // storage-writer: the storage writer thread's script (main/storage/writer-client.ts finds it next to the chunks).
          entry: { main: fromRoot('./main/electron/main.ts'), mjsc: fromRoot('./main/cli/mjsc.ts'), 'storage-writer': fromRoot('./main/storage/writer-thread.ts') },
          vite: {
            build: {
              outDir: fromRoot('./dist-electron'),
              emptyOutDir: false,
              minify: false,
              sourcemap: true,
              // Stable chunk names, so the packaging check can assert the exact files in the asar.
              rollupOptions: { external: isExternal, output: { chunkFileNames: 'chunks/[name].js' } },
            },
          },
        },
        preload: {
          // The sandboxed preload must be a single CommonJS file.
          input: fromRoot('./main/electron/preload.ts'),
          vite: {
            build: {
              outDir: fromRoot('./dist-electron'),
              emptyOutDir: false,
              minify: false,
              rollupOptions: {
                output: { format: 'cjs', entryFileNames: 'preload.cjs', codeSplitting: false },
              },
            },
          },
        },
      }),
    );
  }
  return {
    root: fromRoot('./renderer'),
    base: './',
    plugins,
    build: { outDir: fromRoot('./dist/renderer'), emptyOutDir: true },
    test: {
      root: fromRoot('.'),
      globals: true,
      testTimeout: 20_000,
      hookTimeout: 30_000,
      projects: [
        {
          extends: true,
          test: {
            name: 'node',
            environment: 'node',
            include: ['test/shared/**/*.test.ts', 'test/main/**/*.test.ts', 'test/emulators/**/*.test.ts', 'test/docs/**/*.test.ts'],
          },
        },
        {
          extends: true,
          test: { name: 'lint-rules', environment: 'node', include: ['test/eslint-rules/**/*.test.ts'] },
        },
        {
          extends: true,
          test: {
            name: 'renderer',
            environment: 'jsdom',
            include: ['test/renderer/**/*.test.{ts,tsx}'],
            setupFiles: ['test/renderer/setup.ts'],
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            environment: 'node',
            include: ['test/e2e/**/*.test.ts'],
            fileParallelism: false,
            testTimeout: 120_000,
          },
        },
        {
          extends: true,
          test: {
            // The BUILT dist-electron/main.js under a strict Electron stand-in, its page in real Chromium.
            name: 'shell',
            environment: 'node',
            include: ['test/shell/**/*.test.ts'],
            fileParallelism: false,
            testTimeout: 120_000,
          },
        },
      ],
    },
  };
});
