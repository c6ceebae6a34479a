import type { StorybookConfig } from '@storybook/react-vite';
import { defaultClientConditions } from 'vite';

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
    return viteConfig;
  },
};

export default config;
