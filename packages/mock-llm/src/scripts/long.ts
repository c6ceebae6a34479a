import { mulberry32 } from '../profiles/prng.ts';
import { defineScript } from './script-types.ts';

const TOPICS = [
  'time to first token',
  'frame pacing',
  'incremental Markdown',
  'partial JSON',
  'backpressure',
  'reconnection',
  'proxy buffering',
  'scroll anchoring',
] as const;

const SENTENCES = [
  'Measuring {t} in the field tells a different story from the lab, because real networks add queues you never see locally.',
  'The cheapest win for {t} is usually to stop doing work per token and start doing it per frame.',
  'A common mistake with {t} is to optimise the average and ignore the tail, where users actually notice.',
  'When {t} goes wrong, the symptom is rarely an error; it is a page that feels slightly sticky.',
  'Good instrumentation for {t} records when bytes arrived, when they were parsed and when they were painted.',
  'Teams that treat {t} as a product feature, not an implementation detail, ship noticeably calmer interfaces.',
  'For {t}, a deterministic test server beats a real model: the same seed gives the same timing every run.',
  'It helps to write down a budget for {t} and fail the build when a change blows through it.',
] as const;

// Composed from a fixed PRNG rather than typed out: several thousand tokens of
// varied prose keep a renderer busy long enough to show jank, scroll and memory.
function buildLongAnswer(): string {
  const random = mulberry32(1_234_567);
  const sections: string[] = ['# A long answer about streaming interfaces\n'];
  for (let section = 0; section < 24; section++) {
    const topic = TOPICS[section % TOPICS.length]!;
    sections.push(`\n## ${section + 1}. On ${topic}\n\n`);
    for (let paragraph = 0; paragraph < 3; paragraph++) {
      const sentences: string[] = [];
      for (let count = 0; count < 4; count++) {
        sentences.push(SENTENCES[Math.floor(random() * SENTENCES.length)]!.replace('{t}', topic));
      }
      sections.push(`${sentences.join(' ')}\n\n`);
    }
  }
  sections.push('In short: measure, budget, and paint per frame.\n');
  return sections.join('');
}

/** A long answer (thousands of tokens) for throughput, scrolling and memory tests. */
export const longScript = defineScript(
  'long',
  'A long Markdown answer (24 sections, ~9,700 tokens, 33 KB) for throughput and scrolling tests.',
  [{ kind: 'text', text: buildLongAnswer() }],
);
