import './bench.css';
import { createBeaconReporter } from '@tokenpaint/core';
import { TokenpaintProvider } from '@tokenpaint/react';
import { Profiler, type ReactNode, useCallback } from 'react';
import { createRoot } from 'react-dom/client';
import { AiSdkChat } from './ai-sdk-chat.tsx';
import { NaiveChat } from './naive-chat.tsx';
import { type BenchParams, chatUrl, readBenchParams } from './params.ts';
import { type PriorMessage, priorMessages } from './prior-messages.ts';
import { createProbe, type Probe } from './probe.ts';
import { TokenpaintChat } from './tokenpaint-chat.tsx';

/**
 * The metrics variant's reporter: everything measured and batched as in an app,
 * the send a no-op, so the network is not part of what is compared.
 */
const SILENT_BEACON = createBeaconReporter({ url: '/beacon', send: () => true });

/** Frames to wait after mount before declaring the page ready (lets late layout and measurement settle). */
const SETTLE_FRAMES = 30;

function whenSettled(callback: () => void): void {
  let left = SETTLE_FRAMES;
  const frame = (): void => {
    if (--left <= 0) callback();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

interface BenchProps {
  readonly params: BenchParams;
  readonly probe: Probe;
  readonly prior: readonly PriorMessage[];
}

function Bench({ params, probe, prior }: BenchProps): ReactNode {
  const url = chatUrl(params);
  const onReady = useCallback(
    (send: () => void) => {
      window.__benchStart = () => {
        probe.start();
        send();
      };
      whenSettled(() => {
        window.__benchReady = true;
        if (params.autostart) window.__benchStart?.();
      });
    },
    [probe, params.autostart],
  );
  // The list each page uses: its idiomatic one, or the same on every side (see LISTS).
  const tokenpaintList = params.list === 'plain' ? 'plain' : 'virtual';
  const othersList = params.list === 'virtual' ? 'virtual' : 'plain';
  return (
    <Profiler id="chat" onRender={probe.onRender}>
      {params.impl === 'tokenpaint' ? (
        <TokenpaintChat url={url} prior={prior} probe={probe} onReady={onReady} list={tokenpaintList} />
      ) : params.impl === 'tokenpaint-streamdown' ? (
        <TokenpaintChat
          url={url}
          prior={prior}
          probe={probe}
          onReady={onReady}
          answer="streamdown"
          list={tokenpaintList}
        />
      ) : params.impl === 'tokenpaint-metrics' ? (
        <TokenpaintProvider beacon={SILENT_BEACON}>
          <TokenpaintChat url={url} prior={prior} probe={probe} onReady={onReady} list={tokenpaintList} />
        </TokenpaintProvider>
      ) : params.impl === 'naive' ? (
        <NaiveChat url={url} prior={prior} probe={probe} onReady={onReady} list={othersList} />
      ) : (
        <AiSdkChat
          url={url}
          prior={prior}
          probe={probe}
          throttleMs={params.impl === 'ai-sdk-throttle' ? params.throttleMs : undefined}
          onReady={onReady}
          list={othersList}
        />
      )}
    </Profiler>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
try {
  const params = readBenchParams(location.search);
  const probe = createProbe(params.impl, { ...params });
  document.title = `bench: ${params.impl}`;
  // No StrictMode: its double render and effect replay are development-only, and this runs the production build.
  createRoot(root).render(<Bench params={params} probe={probe} prior={priorMessages(params.prior)} />);
} catch (error) {
  window.__benchError = String(error);
  root.textContent = String(error);
}
