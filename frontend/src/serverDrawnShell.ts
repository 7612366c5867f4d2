/**
 * The page's heading the server drew in index.html for this signed-in
 * browser (api/spa_shell.go), kept from before the app's first render
 * replaces it: the full-screen loader shows it again while "who am I" and
 * the page's data are on their way, so that the heading stays on screen
 * until the page draws the same heading in the same place, instead of
 * giving way to a spinner for that time.
 */
let drawn: string | undefined;

/** Takes the heading the server drew, if any; main.tsx calls it before the first render. */
export function keepServerDrawnShell(root: HTMLElement): void {
  const shell = root.querySelector(':scope > .page-shell');
  drawn = shell ? shell.outerHTML : undefined;
}

/** The markup the server drew, until the signed-in frame is first drawn. */
export function serverDrawnShell(): string | undefined {
  return drawn;
}

/**
 * Forgets it once the signed-in frame is drawn (AppLayout): a later
 * full-screen loader (after signing out and in again, perhaps as someone
 * else) must not show the heading and name of the first page.
 */
export function forgetServerDrawnShell(): void {
  drawn = undefined;
}
