import { useCallback, useEffect, useRef, useState } from 'react';

/** A KioskApi call a step makes: running, answered, or broken (the bridge or a handler failed: said in plain words). */
export type Call<T> = { state: 'idle' } | { state: 'running' } | { state: 'done'; value: T } | { state: 'broken' };

/**
 * Runs `call` when `run` is invoked, keeps the latest answer, and ignores answers that arrive after the step has
 * left the screen (the citizen went back, the session ended).
 */
export function useCall<A extends unknown[], T>(call: (...args: A) => Promise<T>): [Call<T>, (...args: A) => Promise<T | undefined>] {
  const [status, setStatus] = useState<Call<T>>({ state: 'idle' });
  const mounted = useRef(true);
  // The latest `call`, so `run` stays the same function across renders and effects can depend on it.
  const latest = useRef(call);
  latest.current = call;
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(
    async (...args: A) => {
      setStatus({ state: 'running' });
      try {
        const value = await latest.current(...args);
        if (!mounted.current) return undefined;
        setStatus({ state: 'done', value });
        return value;
      } catch {
        if (mounted.current) setStatus({ state: 'broken' });
        return undefined;
      }
    },
    [],
  );
  return [status, run];
}
