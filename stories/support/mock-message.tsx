/**
 * `<StreamingMessage>` wired to the in-browser mock: the props a story varies
 * (wire format, preset, script, pacing, timing overrides) in, a live stream out.
 */
import type { PresetName, ScriptName } from '@tokenpaint/mock-llm';
import {
  type PacingOptions,
  type RetryPolicy,
  type SkeletonShape,
  StreamingMessage,
  type StreamingMessageComponents,
} from '@tokenpaint/react';
import type { ReactNode } from 'react';
import { type MockOverrides, mockFetch, mockRequest, type WireFormat } from './mock-request.ts';

/** Props of {@link MockMessage}. */
export interface MockMessageProps {
  /** The wire format the mock speaks (and the adapter parses). */
  readonly protocol: WireFormat;
  /** The mock's network profile. */
  readonly preset: PresetName;
  /** The canned answer. */
  readonly script: ScriptName;
  /** Smooth bursty text (`true` = defaults). */
  readonly pacing?: PacingOptions | boolean;
  /** Numbers that override the preset's (e.g. `ttft: 600000` holds `waiting`). */
  readonly overrides?: MockOverrides;
  /** Tell the adapter the protocol (default) or let it detect (`auto`). */
  readonly detect?: boolean;
  readonly skeleton?: SkeletonShape | number | false;
  readonly components?: Partial<StreamingMessageComponents>;
  /** Another fetch in front of the mock (e.g. slow headers). */
  readonly fetch?: typeof fetch;
  readonly stallTimeoutMs?: number;
  readonly stallAbandonMs?: number;
  readonly retry?: RetryPolicy | false;
  readonly className?: string;
}

/**
 * A `<StreamingMessage>` streaming from the mock. Keyed by its request, so any
 * change of args restarts the stream from the beginning (skeleton included)
 * instead of mixing two runs' text.
 */
export function MockMessage(props: MockMessageProps): ReactNode {
  const { protocol, preset, script, overrides, detect, pacing, fetch, ...rest } = props;
  const request = mockRequest({ protocol, preset, script, overrides });
  const key = JSON.stringify([request.url, detect, pacing]);
  return (
    <StreamingMessage
      key={key}
      url={request.url}
      body={request.body}
      protocol={detect ? 'auto' : protocol}
      fetch={fetch ?? mockFetch}
      pacing={pacing ?? false}
      aria-label={`Answer streamed as ${protocol}`}
      {...rest}
    />
  );
}
