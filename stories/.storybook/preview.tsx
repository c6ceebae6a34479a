import type { Preview } from '@storybook/react-vite';
import { ReplayFrame } from '../support/replay-frame.tsx';
// The package's optional stylesheet, as an app would import it: stories show the
// components as shipped, and the theming story overrides its --tp-* properties.
import '@tokenpaint/react/styles.css';
import './story-frame.css';

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'requiredFirst' },
  },
  decorators: [
    (Story) => (
      <ReplayFrame>
        <Story />
      </ReplayFrame>
    ),
  ],
};

export default preview;
