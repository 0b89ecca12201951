// The system's light or dark setting (prefers-color-scheme), read at once and followed live. CSS
// follows it by itself (theme-dark.css, `light-dark()`); this is for what CSS cannot reach, such
// as Monaco's theme.
import { useSyncExternalStore } from 'react';

export type ColorScheme = 'light' | 'dark';

const QUERY = '(prefers-color-scheme: dark)';

const media = (): MediaQueryList | null =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia(QUERY)
    : null;

/** The scheme the system asks for now; light where there is no such setting. */
export function currentColorScheme(): ColorScheme {
  return media()?.matches ? 'dark' : 'light';
}

/** Calls `onChange` whenever the system setting changes; returns the unsubscribe. */
export function onColorSchemeChange(onChange: () => void): () => void {
  const m = media();
  if (!m) return () => {};
  m.addEventListener('change', onChange);
  return () => m.removeEventListener('change', onChange);
}

/** The system's colour scheme, re-rendering when it changes. */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(onColorSchemeChange, currentColorScheme, () => 'light');
}
