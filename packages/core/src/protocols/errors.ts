/** Typed failures of the protocol layer (after a 2xx event stream was opened). */
import { StreamError } from '../sse/errors.ts';

const EXCERPT_CHARS = 200;

/** An event's data is not the JSON its protocol requires. Text received before it is kept. */
export class MalformedEventError extends StreamError {
  override name = 'MalformedEventError';
  /** The SSE event name. */
  readonly event: string;
  /** The beginning of the offending data. */
  readonly dataExcerpt: string;
  constructor(protocol: string, event: string, data: string, cause: unknown) {
    const excerpt = data.length > EXCERPT_CHARS ? `${data.slice(0, EXCERPT_CHARS)}…` : data;
    super(
      `Malformed ${protocol} event "${event}": ${cause instanceof Error ? cause.message : String(cause)}. Data: ${excerpt}`,
      {
        cause,
      },
    );
    this.event = event;
    this.dataExcerpt = excerpt;
  }
}

/** `protocol: 'auto'` could not tell the format from the headers and the first event. */
export class ProtocolDetectionError extends StreamError {
  override name = 'ProtocolDetectionError';
  readonly contentType: string;
  readonly firstEvent: string | undefined;
  constructor(contentType: string, firstEvent: string | undefined) {
    super(
      `Could not detect the stream protocol (content-type "${contentType}", first event ${
        firstEvent === undefined ? 'none' : JSON.stringify(firstEvent.slice(0, 120))
      }). Pass \`protocol\` explicitly: 'openai-chat', 'openai-responses', 'anthropic', 'ai-sdk' or 'text'.`,
    );
    this.contentType = contentType;
    this.firstEvent = firstEvent;
  }
}

/** The provider reported an error inside a 2xx stream (an `error` part). */
export class ProviderError extends StreamError {
  override name = 'ProviderError';
  /** The provider's error code or type, when it sent one (e.g. `overloaded_error`). */
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(code ? `${message} (${code})` : message);
    this.code = code;
  }
}
