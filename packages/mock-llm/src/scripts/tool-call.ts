import { mulberry32 } from '../profiles/prng.ts';
import { defineScript } from './script-types.ts';

const CITIES = [
  ['eu-central-2', 'Zürich'],
  ['sa-east-1', 'São Paulo'],
  ['eu-north-2', 'Kraków'],
  ['eu-west-9', 'Reykjavík'],
  ['ap-northeast-1', '東京'],
  ['ap-south-1', 'Mumbai (मुंबई)'],
  ['eu-south-3', 'Αθήνα'],
  ['eu-east-1', 'Москва'],
  ['me-central-1', 'القاهرة'],
  ['us-east-1', 'New York'],
] as const;

const SUMMARIES = [
  'Edge cache evicted hot keys — p95 rose by 40 % 🚀 then recovered',
  'TLS handshake retries after certificate rotation ⚠️ ("cert-2024")',
  'Proxy buffered SSE until close: set "X-Accel-Buffering: no" ✅',
  'Client parser split a UTF-8 sequence across chunks: "naïve" → "na\uFFFDve"',
  'Backslash in path C:\\tokens\\cache was not escaped',
  'Tab-separated log line:\tlevel=warn\tmsg="slow first token"',
  'Multi-line note:\nfirst line\nsecond line',
  'HTML-looking text </script><b>bold</b> must stay inert',
] as const;

// The arguments are built from a fixed PRNG, not typed out, so the script can be
// tens of KB while its content stays reviewable here; JSON.stringify makes the
// escapes (\n, \t, \", \\, \u0007) exactly as a model's JSON mode emits them.
function buildReportArguments(): string {
  const random = mulberry32(20_240_917);
  const round = (value: number): number => Math.round(value * 100) / 100;
  const regions = [];
  for (let index = 0; index < 60; index++) {
    const [code, city] = CITIES[index % CITIES.length]!;
    const p50 = round(80 + random() * 300);
    regions.push({
      code: `${code}-${index}`,
      city,
      healthy: random() > 0.2,
      owner: index % 7 === 0 ? null : `team-${(index * 37) % 11}`,
      metrics: {
        ttftMs: { p50, p95: round(p50 * (1.5 + random())), p99: round(p50 * (2.5 + random() * 2)) },
        tokensPerSecond: round(20 + random() * 180),
        samples: Array.from({ length: 12 }, () => round(random() * 1000)),
      },
      incidents: Array.from({ length: 1 + (index % 3) }, (_, n) => ({
        id: `INC-${1000 + index * 10 + n}`,
        severity: ['low', 'medium', 'high'][n % 3],
        summary: SUMMARIES[(index + n) % SUMMARIES.length],
        tags: ['latency', index % 2 ? 'edge' : 'origin', n ? 'follow-up' : 'new'],
        resolved: random() > 0.5,
      })),
    });
  }
  return JSON.stringify({
    title: 'Streaming latency report — "Q3" edition',
    locale: 'de-CH',
    generatedBy: { model: 'mock-llm', version: 3, flags: [true, false, null], control: 'bell:\u0007' },
    notes: 'Line one\nLine two with a tab\tand a backslash \\ and "quotes".',
    glossary: {
      TTFT: 'time to first token',
      TPS: 'tokens per second',
      Straße: 'street',
      東京: 'Tokyo',
      '🚀': 'launch',
    },
    regions,
    emptyThings: { list: [], object: {}, text: '' },
  });
}

/** One tool call whose arguments are a large JSON document (~36 KB). */
export const toolCallScript = defineScript(
  'tool-call',
  'A short text, then one tool call with large (~36 KB, ~13,800 tokens) nested JSON arguments: escapes, non-ASCII, emoji.',
  [
    { kind: 'text', text: "I'll file the report with the figures you gave me." },
    { kind: 'tool-call', id: 'mock_report_01', name: 'create_report', arguments: buildReportArguments() },
  ],
);
