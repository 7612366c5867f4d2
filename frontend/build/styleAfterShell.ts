import type { Plugin } from 'vite';

/**
 * Makes the app's stylesheet in index.html a preload instead of a
 * render-blocking link, marked `data-app-style`; src/appStyles.ts turns it
 * into the stylesheet and waits for it before the app's first render. The
 * page's own markup (the app's name, styled inline) is then painted as soon
 * as the page arrives, instead of after the stylesheet, which on a phone's
 * connection shares the line with the app's code: a second and more of a
 * blank screen. The app itself never draws unstyled.
 */
export function styleAfterShell(): Plugin {
  return {
    name: 'liaison-style-after-shell',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const links = [...html.matchAll(/<link rel="stylesheet"([^>]*?)href="(\/assets\/[^"]+\.css)"([^>]*)>/g)];
        if (links.length !== 1) throw new Error(`style-after-shell: index.html names ${links.length} stylesheets, want the one (cssCodeSplit: false)`);
        const [link, before, href, after] = links[0];
        return html.replace(link, `<link rel="preload" as="style"${before}href="${href}"${after} data-app-style>`);
      },
    },
  };
}
