import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/**
 * Whether the browser says it is online, from the first render, and again at
 * each of its online and offline events. Read while rendering rather than in
 * an effect after the frame is mounted (as @mantine/hooks' useNetwork does),
 * which drew the frame's notice a second time on every page's start.
 */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => navigator.onLine !== false,
    () => true,
  );
}
