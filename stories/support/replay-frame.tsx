/**
 * The "Replay" control every story gets (a global decorator): remounting the story
 * starts its stream again from the request, so a state that passes in a second
 * (the skeleton, the first token) can be watched as often as needed.
 */
import { type ReactNode, useState } from 'react';

/** Props of {@link ReplayFrame}. */
export interface ReplayFrameProps {
  readonly children: ReactNode;
}

/** Renders `children` under a Replay button that remounts them. */
export function ReplayFrame({ children }: ReplayFrameProps): ReactNode {
  const [generation, setGeneration] = useState(0);
  return (
    <div className="story-frame">
      <div className="story-toolbar">
        <button
          type="button"
          data-story-replay=""
          aria-label="Replay the story from the start"
          onClick={() => setGeneration((n) => n + 1)}
        >
          ↻ Replay
        </button>
      </div>
      <div key={generation} className="story-stage">
        {children}
      </div>
    </div>
  );
}
