/**
 * `@tokenpaint/core/view`: the engine under a renderer. A frame-paced view of a
 * run (at most one commit per animation frame, the first token at once, optional
 * pacing), the frame loop and its injected scheduler, the conversation store and
 * the words for each status. The React binding is one renderer on top of it; a
 * web component, Vue or vanilla DOM renderer would be another.
 */

export type { Subscribable } from './subscribable.ts';
export { createSubscribable } from './subscribable.ts';
export type {
  ConversationMessage,
  ConversationRequest,
  ConversationState,
  ConversationStore,
} from './view/conversation-store.ts';
export { createConversationStore } from './view/conversation-store.ts';
export type { FrameLoop, FrameTask } from './view/frame-loop.ts';
export { getFrameLoop } from './view/frame-loop.ts';
export type { FrameScheduler } from './view/frame-scheduler.ts';
export { browserFrameScheduler } from './view/frame-scheduler.ts';
export { idleSnapshot, idleView } from './view/idle-view.ts';
export type { Pacer, PacingOptions, ResolvedPacing } from './view/pacer.ts';
export { createPacer, defaultPacing, resolvePacing } from './view/pacer.ts';
export type { RunView, RunViewOptions } from './view/run-view.ts';
export { createRunView, getSharedRunView } from './view/run-view.ts';
export { completedSentenceEnd } from './view/sentence-boundary.ts';
export { runningToolName, statusAnnouncement, statusLabel } from './view/status-text.ts';
export { hasVisibleText } from './view/visible-text.ts';
