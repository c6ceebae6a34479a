import '@tokenpaint/react/styles.css';
import './demo.css';
import { TokenpaintProvider } from '@tokenpaint/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';

const BEACON = { url: '/collector/v1/beacon', flushIntervalMs: 2_000 };

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    {/* Every answer is reported to the collector this server mounts at /collector
        (its dashboard is there too); a short interval so the dashboard fills while you watch. */}
    <TokenpaintProvider beacon={BEACON} tags={{ feature: 'demo' }}>
      <App />
    </TokenpaintProvider>
  </StrictMode>,
);
