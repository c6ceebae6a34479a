import { defineScript } from './script-types.ts';

/** A short plain answer: one paragraph of prose. */
export const textScript = defineScript('text', 'A short plain-prose answer (one paragraph, ~150 tokens).', [
  {
    kind: 'text',
    text:
      'Streaming makes a model feel fast because people judge speed by the first word, not the last one. ' +
      'When the first token lands within a few hundred milliseconds, the wait that follows reads as the ' +
      'model thinking out loud rather than the page being stuck. The trick is to paint each token as soon ' +
      'as it arrives without repainting everything before it, to keep the caret steady while text grows, ' +
      "and to say clearly when the stream stalls or drops, so the reader is never left guessing whether it's " +
      'still working. Done well, a ten-second answer feels shorter than a two-second spinner.',
  },
]);
