import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BeaconSend, createBeaconReporter } from '../beacon/reporter.ts';
import type { VitalEvent } from '../beacon/schema.ts';
import { validateBeacon } from '../beacon/validate.ts';
import {
  noteStreaming,
  reportWebVitals,
  toVitalEvent,
  type VitalMetric,
  type WebVitalsModule,
} from './web-vitals.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('web vitals', () => {
  it('tags INP with whether an answer was streaming during the interaction', () => {
    const end = noteStreaming();
    const during = performance.now();
    end();
    const after = performance.now() + 1_000;
    const inp = (interactionTime: number): VitalMetric => ({
      name: 'INP',
      id: 'v5-1',
      value: 183.46,
      rating: 'good',
      attribution: { interactionTime, interactionTarget: 'button#send' },
    });
    expect(toVitalEvent(inp(during), {}, 1)).toEqual({
      type: 'vital',
      id: 'v5-1',
      name: 'INP',
      value: 183.5,
      rating: 'good',
      at: 1,
      tags: {},
      streaming: true,
      target: 'button#send',
    });
    expect(toVitalEvent(inp(after)).streaming).toBe(false);
    expect(toVitalEvent({ name: 'CLS', id: 'c', value: 0.123456, rating: 'needs-improvement' }).value).toBe(
      0.1235,
    );
  });

  it('reports every vital once per reporter, as schema-valid events, and never throws when web-vitals cannot load', async () => {
    vi.stubGlobal('document', {});
    const sent: VitalEvent[] = [];
    const send: BeaconSend = (_url, body) => {
      const parsed = validateBeacon(JSON.parse(body));
      if (parsed.ok) sent.push(...(parsed.batch.events as VitalEvent[]));
      return true;
    };
    const reporter = createBeaconReporter({ url: '/v1/beacon', send, maxBatchEvents: 1 });
    const subscriptions: string[] = [];
    const fake = Object.fromEntries(
      (['INP', 'LCP', 'CLS', 'FCP', 'TTFB'] as const).map((name) => [
        `on${name}`,
        (callback: (metric: VitalMetric) => void) => {
          subscriptions.push(name);
          callback({ name, id: `${name}-1`, value: name === 'CLS' ? 0.05 : 420, rating: 'good' });
        },
      ]),
    ) as unknown as WebVitalsModule;
    await reportWebVitals(reporter, { tags: { feature: 'chat' }, load: async () => fake });
    await reportWebVitals(reporter, { load: async () => fake });
    expect(subscriptions).toEqual(['INP', 'LCP', 'CLS', 'FCP', 'TTFB']);
    expect(sent.map((event) => event.name)).toEqual(['INP', 'LCP', 'CLS', 'FCP', 'TTFB']);
    expect(sent[0]?.tags.feature).toBe('chat');
    const broken = createBeaconReporter({ url: '/v1/beacon', send });
    await expect(
      reportWebVitals(broken, {
        load: async () => {
          throw new Error('offline');
        },
      }),
    ).resolves.toBeUndefined();
  });
});
