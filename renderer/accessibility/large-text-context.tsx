// Large-text mode (EN 301 549 / WCAG 1.4.4: text resizable to 200 % without loss of content or function), separate
// from elder mode: it doubles every rem size (html.large-text in global.css's large-text part) and lets the screens
// scroll and wrap instead of clipping. Inside the session's remounted tree: every new citizen starts without it.
import { type ReactNode, createContext, useContext, useEffect, useMemo, useState } from 'react';

export interface LargeText {
  on: boolean;
  toggle(): void;
}

const LargeTextContext = createContext<LargeText>({ on: false, toggle: () => undefined });

export function LargeTextProvider(props: { children: ReactNode }) {
  const [on, setOn] = useState(false);
  useEffect(() => {
    document.documentElement.classList.toggle('large-text', on);
    return () => document.documentElement.classList.remove('large-text');
  }, [on]);
  const value = useMemo(() => ({ on, toggle: () => setOn((v) => !v) }), [on]);
  return <LargeTextContext.Provider value={value}>{props.children}</LargeTextContext.Provider>;
}

export function useLargeText(): LargeText {
  return useContext(LargeTextContext);
}
