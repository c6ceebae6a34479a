/**
 * A request the mock cannot serve as asked: an unknown preset or script, a bad
 * override value, a body that is not JSON. The handler turns it into an HTTP
 * error response (400, or 404 for an unknown path) whose JSON body carries
 * {@link MockRequestError.message}.
 */
export class MockRequestError extends Error {
  override readonly name = 'MockRequestError';
  /** HTTP status the handler answers with. */
  readonly status: number;
  /** The request option, header or body field at fault, when there is one. */
  readonly param: string | undefined;

  /**
   * @param message - Says what is wrong and what would be accepted.
   * @param options - `status` (default 400) and the offending `param`.
   */
  constructor(message: string, options: { status?: number; param?: string } = {}) {
    super(message);
    this.status = options.status ?? 400;
    this.param = options.param;
  }
}

/**
 * The reason a response body errors when the `drop` profile cuts the connection:
 * what a client sees when a real connection dies mid-stream (no terminal event).
 */
export class MockConnectionDropError extends Error {
  override readonly name = 'MockConnectionDropError';
  /** Index (in the whole script) of the first token that was not delivered. */
  readonly tokenIndex: number;
  /** `id` of the last event delivered before the cut (resumable streams), else `undefined`. */
  readonly lastEventId: string | undefined;

  /**
   * @param tokenIndex - First token index not delivered.
   * @param lastEventId - Id of the last delivered event, if the stream carries ids.
   */
  constructor(tokenIndex: number, lastEventId: string | undefined) {
    super(
      `mock-llm dropped the connection before token ${tokenIndex}` +
        (lastEventId === undefined
          ? ''
          : ` (last event id ${lastEventId}; reconnect with Last-Event-ID to resume)`),
    );
    this.tokenIndex = tokenIndex;
    this.lastEventId = lastEventId;
  }
}
