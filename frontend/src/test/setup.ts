import '@testing-library/jest-dom/vitest';
import { afterEach, beforeEach, vi } from 'vitest';

// Node-environment tests (the schema staleness check) share this file; the
// browser stubs below are only for jsdom.
if (typeof window !== 'undefined') {
  // jsdom lacks the layout APIs that Mantine's components ask for.
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });

  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  window.ResizeObserver = ResizeObserverStub;
  Element.prototype.scrollIntoView = function scrollIntoView() {};
  if (!('fonts' in document)) {
    // Textarea autosize listens for web fonts finishing loading.
    Object.defineProperty(document, 'fonts', { value: new EventTarget() });
  }

  const [{ cleanup, configure }, { default: i18n, i18nReady }] = await Promise.all([import('@testing-library/react'), import('../i18n')]);
  await i18nReady;
  // Pages load lazily, as in the browser; the first import of one can take a while on a busy machine.
  configure({ asyncUtilTimeout: 5_000 });

  beforeEach(async () => {
    window.localStorage.clear();
    window.sessionStorage.clear();
    await i18n.changeLanguage('en');
  });

  afterEach(() => {
    cleanup();
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});
