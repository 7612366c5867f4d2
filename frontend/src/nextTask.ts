/**
 * Resolves in a task of its own, so that what follows runs after the browser
 * has had a turn (a paint, a tap, a response's arrival) instead of extending
 * the current task. On a phone a start-up that is one long task keeps the
 * page from answering; the same work in a few shorter tasks does not.
 * `scheduler.yield()` where the browser has it (its continuation goes before
 * other queued tasks), else a zero-delay timer.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
