/**
 * Theming with the stylesheet's `--tp-*` custom properties: no class names to
 * learn, no CSS-in-JS. Each theme is one rule that sets the properties on the
 * message (here through `className`).
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import { MockMessage, type MockMessageProps } from './support/mock-message.tsx';
import './theming.stories.css';

/** The themes defined in `theming.stories.css`. */
const THEMES = ['default', 'dusk', 'paper', 'terminal'] as const;
type Theme = (typeof THEMES)[number];

interface ThemedMessageProps {
  readonly theme: Theme;
  readonly script: MockMessageProps['script'];
  /** Hold the skeleton instead of streaming (to theme the placeholder). */
  readonly holdSkeleton: boolean;
}

function ThemedMessage({ theme, script, holdSkeleton }: ThemedMessageProps): ReactNode {
  return (
    <div className={`story-theme-backdrop story-theme-backdrop--${theme}`} data-story-theme={theme}>
      <MockMessage
        protocol="anthropic"
        preset="typical"
        script={script}
        {...(theme === 'default' ? {} : { className: `story-theme story-theme--${theme}` })}
        {...(holdSkeleton ? { overrides: { ttft: 600_000 }, stallTimeoutMs: 1_200_000 } : {})}
      />
    </div>
  );
}

const meta = {
  title: 'Theming',
  component: ThemedMessage,
  argTypes: {
    theme: { control: 'inline-radio', options: THEMES },
    script: { control: 'select', options: ['text', 'markdown', 'reasoning', 'tool-call', 'parallel-tools'] },
    holdSkeleton: { control: 'boolean' },
  },
  args: { theme: 'dusk', script: 'parallel-tools', holdSkeleton: false },
} satisfies Meta<typeof ThemedMessage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A dark theme: accent, caret, tool panel, buttons and skeleton from eight properties. */
export const Dusk: Story = {};

/** A warm serif reading theme with a generous line height (the skeleton grows with it). */
export const Paper: Story = { args: { theme: 'paper', script: 'markdown' } };

/** A green-on-black terminal, monospace throughout. */
export const Terminal: Story = { args: { theme: 'terminal', script: 'text' } };

/** The skeleton under each theme, held in `waiting`. */
export const Skeletons: Story = {
  args: { holdSkeleton: true },
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem' }}>
      {THEMES.map((theme) => (
        <ThemedMessage key={theme} {...args} theme={theme} />
      ))}
    </div>
  ),
};
