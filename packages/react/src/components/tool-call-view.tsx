'use client';
import { memo, type ReactNode } from 'react';
import { JSONValueView } from './json-value-view.tsx';
import type { ToolCallProps } from './slots.ts';

const ROOT: readonly (string | number)[] = [];

/** Base64 only: anything else in a result is not an image and is shown as a value. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The image a provider's image-generation tool returned (the Responses API's
 * `image_generation_call`: base64, PNG unless asked otherwise), shown as an
 * image rather than a screenful of base64. Only a base64 string from the
 * provider's own tool is taken, and only as a `data:image` URL: no URL the model
 * could have written is ever loaded.
 */
function generatedImage(call: ToolCallProps['call']): ReactNode {
  if (!call.providerExecuted || call.name !== 'image_generation' || call.isError) return undefined;
  if (typeof call.result !== 'string' || !BASE64.test(call.result)) return undefined;
  return (
    <img
      data-tp-part="tool-image"
      alt="Provider-generated artwork"
      src={`data:image/png;base64,${call.result}`}
    />
  );
}

/**
 * One tool call, live: its name (marked when the provider runs the tool), its
 * arguments as they stream (fields lose their caret as they complete), then its
 * result or error. Memoized on the call's
 * identity, which the core keeps while the call does not change, so a text token
 * does not re-render a tool call. The carets follow `call.completedPaths`,
 * cumulative in the core, so a commit that skipped snapshots misses no field.
 */
export const ToolCallView = memo(function ToolCallView({ call }: ToolCallProps): ReactNode {
  const streaming = call.state === 'streaming-args';
  return (
    <div
      data-tp-part="tool-call"
      data-tp-tool={call.name}
      data-tp-state={call.state}
      data-tp-provider-executed={call.providerExecuted ? '' : undefined}
      aria-busy={streaming}
    >
      <div data-tp-part="tool-name">
        {call.name}
        {/* Said, not only styled: the app did not run this tool and has nothing to answer. */}
        {call.providerExecuted && <span data-tp-part="tool-provider"> · run by the provider</span>}
      </div>
      <div data-tp-part="tool-args">
        <JSONValueView value={call.args} path={ROOT} streaming={streaming} completed={call.completedPaths} />
      </div>
      {call.error && (
        <div data-tp-part="tool-error" role="alert">
          {call.error.message}
        </div>
      )}
      {call.state === 'result' && (
        <div data-tp-part="tool-result" data-tp-error={call.isError ? '' : undefined}>
          {generatedImage(call) ?? <JSONValueView value={call.result} path={ROOT} streaming={false} />}
        </div>
      )}
    </div>
  );
});
