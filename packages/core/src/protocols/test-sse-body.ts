/** Test-only: formats `[event, data]` pairs as an SSE body (data objects are JSON-encoded). */
export const sse = (events: readonly (readonly [event: string | undefined, data: unknown])[]): string =>
  events
    .map(
      ([event, data]) =>
        `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`,
    )
    .join('');
