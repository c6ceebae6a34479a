'use client';
import { browserFrameScheduler, type FrameScheduler } from '@tokenpaint/core/view';
/**
 * Which {@link FrameScheduler} the hooks below a point of the tree use. Tests and
 * stories wrap their tree in a provider with a fake frame clock; apps need nothing.
 */
import { createContext, type ReactNode, useContext } from 'react';

const FrameSchedulerContext = createContext<FrameScheduler>(browserFrameScheduler);

/** Props of {@link FrameSchedulerProvider}. */
export interface FrameSchedulerProviderProps {
  readonly scheduler: FrameScheduler;
  readonly children?: ReactNode;
}

/** Sets the frame scheduler of every tokenpaint hook and component inside. */
export function FrameSchedulerProvider({ scheduler, children }: FrameSchedulerProviderProps): ReactNode {
  return <FrameSchedulerContext value={scheduler}>{children}</FrameSchedulerContext>;
}

/** The frame scheduler in effect (the browser's by default). */
export function useFrameScheduler(): FrameScheduler {
  return useContext(FrameSchedulerContext);
}
