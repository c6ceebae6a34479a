'use client';
import {
  type AnswerEvent,
  type BeaconBreach,
  type BeaconReporter,
  type BeaconReporterOptions,
  type BeaconTags,
  createBeaconReporter,
  type LatencyBudgets,
  reportWebVitals,
  type StreamRun,
} from '@tokenpaint/core';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';

/** What runs inside a {@link TokenpaintProvider} report to. */
export interface MetricsContextValue {
  readonly reporter: BeaconReporter | null;
  /** The run most recently started by a component inside (what a `<LatencyHUD>` without a `run` shows). */
  readonly latestRun: LatestRun;
  /** The provider's settings as of now (read when an answer ends, so new props never resubscribe runs). */
  readonly settings: () => MetricsSettings;
}

/** What a finished answer is reported with. */
export interface MetricsSettings {
  readonly tags: BeaconTags;
  readonly budgets?: LatencyBudgets | false;
  readonly onBudgetExceeded?: (breaches: readonly BeaconBreach[], answer: AnswerEvent) => void;
}

/** A tiny store of the latest run, for `useSyncExternalStore`. */
export interface LatestRun {
  get(): StreamRun | null;
  set(run: StreamRun): void;
  subscribe(listener: () => void): () => void;
}

function createLatestRun(): LatestRun {
  let latest: StreamRun | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => latest,
    set(run) {
      if (run === latest) return;
      latest = run;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const NO_SETTINGS = (): MetricsSettings => ({ tags: {} });
const MetricsContext = createContext<MetricsContextValue>({
  reporter: null,
  latestRun: createLatestRun(),
  settings: NO_SETTINGS,
});

/** Props of {@link TokenpaintProvider}. */
export interface TokenpaintProviderProps {
  /** Where answers are reported: a reporter, or the options to create one (`{ url: '/collector/v1/beacon' }`). */
  readonly beacon?: BeaconReporter | BeaconReporterOptions;
  /** Tags on every answer reported inside (e.g. `prompt_version`, `feature`). */
  readonly tags?: BeaconTags;
  /** Latency budgets, merged over core's `DEFAULT_BUDGETS`; `false` checks none. */
  readonly budgets?: LatencyBudgets | false;
  /** Called with the budgets an answer went over (they are in its beacon too). */
  readonly onBudgetExceeded?: (breaches: readonly BeaconBreach[], answer: AnswerEvent) => void;
  /** Report the page's web vitals (INP, LCP, CLS, FCP, TTFB) once, in the same session. Default true. */
  readonly vitals?: boolean;
  readonly children?: ReactNode;
}

const isReporter = (beacon: TokenpaintProviderProps['beacon']): beacon is BeaconReporter =>
  typeof (beacon as BeaconReporter | undefined)?.report === 'function';

/**
 * Every `<StreamingMessage>` and `useStream` inside reports each answer it
 * finishes (see `toAnswerEvent` in `@tokenpaint/core`) with no other change.
 * A reporter created from options lives as long as the provider; one passed in
 * is the app's to close.
 *
 * @example
 * <TokenpaintProvider beacon={{ url: '/collector/v1/beacon' }} tags={{ prompt_version: '14' }}>
 *   <App />
 * </TokenpaintProvider>
 */
export function TokenpaintProvider({
  beacon,
  tags,
  budgets,
  onBudgetExceeded,
  vitals = true,
  children,
}: TokenpaintProviderProps): ReactNode {
  const [owned, setOwned] = useState<BeaconReporter | null>(null);
  const options = beacon !== undefined && !isReporter(beacon) ? beacon : undefined;
  const url = options?.url;
  // Created after mount (it listens to the page), once per URL; StrictMode's
  // double mount closes the first one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the options object is re-created every render; the URL identifies the reporter
  useEffect(() => {
    if (options === undefined) return;
    const reporter = createBeaconReporter(options);
    setOwned(reporter);
    return () => {
      reporter.close();
      setOwned(null);
    };
  }, [url]);
  const reporter = isReporter(beacon) ? beacon : owned;
  const latest = useRef<MetricsSettings>({ tags: {} });
  useEffect(() => {
    latest.current = {
      tags: tags ?? {},
      ...(budgets !== undefined && { budgets }),
      ...(onBudgetExceeded !== undefined && { onBudgetExceeded }),
    };
  });
  const [latestRun] = useState(createLatestRun);
  const value = useMemo(
    () => ({ reporter, latestRun, settings: () => latest.current }),
    [reporter, latestRun],
  );
  useEffect(() => {
    // Once per reporter (reportWebVitals ignores a second call): vitals are per page.
    if (vitals && reporter !== null) void reportWebVitals(reporter, { tags: latest.current.tags });
  }, [vitals, reporter]);
  return <MetricsContext.Provider value={value}>{children}</MetricsContext.Provider>;
}

/** The reporter and tags of the nearest {@link TokenpaintProvider} (none outside one). */
export function useMetricsContext(): MetricsContextValue {
  return useContext(MetricsContext);
}
