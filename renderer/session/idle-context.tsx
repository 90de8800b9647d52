// What a screen tells the session rules (renderer/session/SessionRules.tsx): "a device or the printer is working, do
// not time out", "my warning comes later/earlier", "this is the Node session to end", "the citizen is done".
// Outside the provider every hook is a no-op, so a screen renders alone in a unit test.
import { createContext, useContext, useEffect } from 'react';

export interface SessionControls {
  /** Marks a device operation or printing under way; call the returned function when it is over. */
  markBusy(): () => void;
  /** A screen's own warn time (seconds without a touch); the returned function restores the default. */
  overrideWarnAfter(seconds: number): () => void;
  /**
   * A Node session (`session.start`) of this citizen's visit; every one registered is ended with `session.end` at
   * the timeout or "finish" (again, harmlessly, if the journey ended it itself).
   */
  registerSession(sessionId: string): void;
  /** The citizen is done: the take-your-card reminder, then the wipe and the attract screen. */
  finish(): void;
}

const noop = () => undefined;
const detached: SessionControls = {
  markBusy: () => noop,
  overrideWarnAfter: () => noop,
  registerSession: noop,
  finish: noop,
};

const SessionContext = createContext<SessionControls>(detached);

export const SessionControlsProvider = SessionContext.Provider;

export function useSessionControls(): SessionControls {
  return useContext(SessionContext);
}

/** While `active` (default: while the calling component is mounted), the idle timer never fires. */
export function useBusy(active = true): void {
  const { markBusy } = useSessionControls();
  useEffect(() => (active ? markBusy() : undefined), [markBusy, active]);
}

/** This screen warns after `seconds` without a touch instead of the configured default. */
export function useIdleWarnAfter(seconds: number | undefined): void {
  const { overrideWarnAfter } = useSessionControls();
  useEffect(() => (seconds === undefined ? undefined : overrideWarnAfter(seconds)), [overrideWarnAfter, seconds]);
}

/** Registers the journey's Node session so a timeout or "finish" ends it (`session.end`). */
export function useRegisterSession(sessionId: string | undefined): void {
  const { registerSession } = useSessionControls();
  useEffect(() => {
    if (sessionId !== undefined) registerSession(sessionId);
  }, [registerSession, sessionId]);
}

/** The function a "finish" (办结/退出) button calls. */
export function useFinishSession(): () => void {
  return useSessionControls().finish;
}
