import { defineScript } from './script-types.ts';

/** Reasoning first, then the answer, as thinking models stream them. */
export const reasoningScript = defineScript(
  'reasoning',
  'Reasoning (thinking) text first, then a short answer.',
  [
    {
      kind: 'reasoning',
      text:
        'The user asks how many frames a 600-token answer spans at 45 tokens per second on a 60 Hz screen. ' +
        'First the duration: 600 / 45 ≈ 13.3 seconds. At 60 frames per second that is about 800 frames. ' +
        'So on average each frame paints 0.75 tokens; some frames paint none and some paint one or two. ' +
        'Batching per frame therefore saves little here, but it matters at 200 tokens per second, where ' +
        'three or four tokens land in the same frame. I should answer with both numbers.',
    },
    {
      kind: 'text',
      text:
        'About **800 frames**: 600 tokens at 45 tokens/s take roughly 13.3 s, and a 60 Hz display paints ' +
        '60 frames per second. That is under one token per frame, so per-frame batching only starts to ' +
        'pay off at higher rates (around 200 tokens/s you get 3–4 tokens per frame).',
    },
  ],
);
