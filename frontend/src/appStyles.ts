/**
 * Applies the app's stylesheet, which index.html only preloads (it is fetched
 * from the start, but does not hold back the first paint of the page's own
 * markup: build/styleAfterShell.ts), and resolves once it is in, so that the
 * app's first render is styled. A failed load resolves too: the app then
 * draws unstyled rather than not at all. Development builds inject styles
 * themselves and have no such link.
 */
export function appStyles(): Promise<void> {
  const preload = document.querySelector<HTMLLinkElement>('link[rel="preload"][as="style"][data-app-style]');
  if (!preload) return Promise.resolve();
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = preload.href;
  if (preload.crossOrigin !== null) sheet.crossOrigin = preload.crossOrigin;
  const loaded = new Promise<void>((resolve) => {
    sheet.addEventListener('load', () => resolve(), { once: true });
    sheet.addEventListener('error', () => resolve(), { once: true });
  });
  preload.after(sheet);
  return loaded;
}
