import { defineScript } from './script-types.ts';

const weather = (city: string, days: number) =>
  JSON.stringify({
    city,
    units: 'metric',
    days: Array.from({ length: days }, (_, index) => ({ offset: index, fields: ['temp', 'wind', 'rain'] })),
    note: `Forecast for ${city} — include "feels like" values`,
  });

/** Several tool calls streamed in parallel, their argument deltas interleaved by index. */
export const parallelToolsScript = defineScript(
  'parallel-tools',
  'Three parallel tool calls whose argument deltas interleave (by index / call id) where the format allows.',
  [
    { kind: 'text', text: 'Checking all three at once.' },
    { kind: 'tool-call', id: 'mock_weather_paris', name: 'get_weather', arguments: weather('Paris', 5) },
    { kind: 'tool-call', id: 'mock_weather_tokyo', name: 'get_weather', arguments: weather('東京', 3) },
    {
      kind: 'tool-call',
      id: 'mock_search_docs',
      name: 'search_docs',
      arguments: JSON.stringify({
        query: 'server-sent events "Last-Event-ID" resume',
        filters: { site: ['developer.mozilla.org', 'html.spec.whatwg.org'], since: '2023-01-01' },
        limit: 5,
      }),
    },
  ],
  true,
);
