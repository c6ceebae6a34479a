import type { StorybookConfig } from '@storybook/react-vite';
import { defaultClientConditions, type Plugin, type PluginOption } from 'vite';

const DOCGEN_PLUGIN = 'storybook:react-docgen-plugin';

/**
 * Restricts Storybook's react-docgen pass to `.tsx` files. Components live in
 * `.tsx`; plain `.ts` modules (hooks, stores) have no props table to extract, and
 * react-docgen 8.0.4 overflows its stack on one of them
 * (`packages/react/src/hooks/use-partial-json.ts`), which fails the whole build.
 */
function docgenOnTsx(options: readonly PluginOption[]): void {
  for (const option of options) {
    if (Array.isArray(option)) {
      docgenOnTsx(option);
      continue;
    }
    if (!option || typeof option !== 'object' || !('name' in option) || option.name !== DOCGEN_PLUGIN)
      continue;
    const plugin = option as Plugin;
    const transform = plugin.transform;
    if (typeof transform !== 'function') continue;
    plugin.transform = function (this, code, id, ...rest) {
      if (!id.split('?')[0]!.endsWith('.tsx')) return null;
      return transform.call(this, code, id, ...rest);
    };
  }
}

const config: StorybookConfig = {
  stories: ['../*.stories.tsx', '../**/*.stories.tsx'],
  framework: { name: '@storybook/react-vite', options: {} },
  // No phoning home: CI and developer machines here have no internet, and a
  // telemetry call that cannot connect only slows every build down.
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // Read the workspace packages from source (the `@tokenpaint/source` export
    // condition), so stories need no package build. Vite replaces its default
    // conditions when the option is set, hence the spread.
    viteConfig.resolve ??= {};
    viteConfig.resolve.conditions = ['@tokenpaint/source', ...defaultClientConditions];
    docgenOnTsx(viteConfig.plugins ?? []);
    // The packages mark their React modules "use client" for server-component
    // frameworks; a client-only bundle has nothing to preserve, so the warning
    // (one per module) is noise that hides real ones.
    viteConfig.build ??= {};
    // Storybook's own preview runtime is a ~1.1 MB chunk; the size warning is about it, not the stories.
    viteConfig.build.chunkSizeWarningLimit = 1_500;
    viteConfig.build.rollupOptions ??= {};
    const rollupOptions = viteConfig.build.rollupOptions;
    const onwarn = rollupOptions.onwarn;
    rollupOptions.onwarn = (warning, warn) => {
      if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
      if (onwarn) onwarn(warning, warn);
      else warn(warning);
    };
    return viteConfig;
  },
};

export default config;
