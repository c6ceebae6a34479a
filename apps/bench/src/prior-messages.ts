/**
 * The conversation already on screen before the answer streams: `count`
 * alternating user and assistant messages of realistic chat length (a one- or
 * two-sentence question, an answer of a few paragraphs with a heading, a list,
 * emphasis, inline code and a link). Deterministic, so both implementations
 * render byte-identical history. No fenced code or tables: those load a syntax
 * highlighter and table controls asynchronously, which would still be working
 * when the measured stream starts and blur the comparison.
 */

/** One prior message, in the neutral shape both implementations are fed from. */
export interface PriorMessage {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  readonly text: string;
}

const TOPICS = [
  'back-pressure in stream readers',
  'frame budgets on low-end phones',
  'retrying a request after a 429',
  'rendering Markdown while it streams',
  'virtualizing a long conversation',
  'measuring time to first token',
  'server-sent events behind a proxy',
  'keeping focus when a button changes',
];

const SENTENCES = [
  'The short answer is that it depends on where the time goes, so measure before changing anything.',
  'Most of the cost is not the network but the work the page does for every chunk it receives.',
  'A browser paints at most once per frame, so any work beyond that is thrown away before anyone sees it.',
  'Batching updates into one commit per frame keeps the main thread free for input and scrolling.',
  'When the connection stalls, say so after a few seconds instead of leaving a caret blinking forever.',
  'Users judge speed by the first words they see, long before the answer is complete.',
];

function pick<T>(list: readonly T[], index: number): T {
  return list[index % list.length] as T;
}

function userText(turn: number): string {
  const topic = pick(TOPICS, turn);
  return turn % 3 === 0
    ? `How should I think about ${topic}? We ship to a lot of older Android devices.`
    : `Can you explain ${topic} with a concrete example?`;
}

function assistantText(turn: number): string {
  const topic = pick(TOPICS, turn);
  const a = pick(SENTENCES, turn);
  const b = pick(SENTENCES, turn + 2);
  const c = pick(SENTENCES, turn + 4);
  return [
    `## ${topic.charAt(0).toUpperCase()}${topic.slice(1)} (turn ${turn + 1})`,
    `${a} ${b}`,
    `- **Measure** the \`${pick(['read', 'parse', 'render', 'paint'], turn)}\` step first`,
    `- Keep *one* commit per frame, whatever the token rate`,
    `- Prefer small, memoized components for content that no longer changes`,
    `${c} See [the notes](https://example.com/notes/${turn}) for the details and a worked example.`,
  ].join('\n\n');
}

/** `count` messages, alternating user and assistant, starting with the user. */
export function priorMessages(count: number): PriorMessage[] {
  const messages: PriorMessage[] = [];
  for (let i = 0; i < count; i++) {
    const turn = Math.floor(i / 2);
    const role = i % 2 === 0 ? 'user' : 'assistant';
    messages.push({ id: `prior-${i}`, role, text: role === 'user' ? userText(turn) : assistantText(turn) });
  }
  return messages;
}
