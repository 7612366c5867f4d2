import type { BrowserContext, Page } from 'playwright-core';

/** One commit React made, as the page's recorder saw it. */
export interface ReactCommit {
  /** Fibers in the tree after the commit, elements and text included. */
  size: number;
  /** Components (function, memo, forwardRef…) the tree holds. */
  held: number;
  /** Of those, the ones this commit drew: new props or state since the commit before. */
  drawn: number;
  /** Made inside another commit's task, before that task's microtasks ran. */
  nested: boolean;
}

/**
 * Installs, in every document `target` opens, a recorder of React's commits
 * through the hook React reports them to (the one its developer tools use):
 * per commit, the tree's size, the components it holds and draws, and
 * whether it came inside another commit's task. Read them with reactCommits.
 */
export async function recordReactCommits(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    type Fiber = { type: unknown; child: Fiber | null; sibling: Fiber | null; alternate: Fiber | null; memoizedProps: unknown; memoizedState: unknown };
    const commits: ReactCommit[] = [];
    const seen = new WeakMap<Fiber, [unknown, unknown]>();
    let inTask = false;
    (window as unknown as { __reactCommits: ReactCommit[] }).__reactCommits = commits;
    (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => undefined,
      onScheduleFiberRoot: () => undefined,
      onPostCommitFiberRoot: () => undefined,
      onCommitFiberUnmount: () => undefined,
      onCommitFiberRoot: (_renderer: number, root: { current: Fiber }) => {
        let size = 0;
        let held = 0;
        let drawn = 0;
        for (const stack: (Fiber | null)[] = [root.current]; stack.length; ) {
          const fiber = stack.pop();
          if (!fiber) continue;
          size++;
          stack.push(fiber.sibling, fiber.child);
          if (typeof fiber.type !== 'function' && (typeof fiber.type !== 'object' || !fiber.type)) continue;
          held++;
          // A fiber and its alternate are one component's two versions: either may hold what it last drew.
          const before = seen.get(fiber) ?? (fiber.alternate ? seen.get(fiber.alternate) : undefined);
          if (!before || before[0] !== fiber.memoizedProps || before[1] !== fiber.memoizedState) drawn++;
          seen.set(fiber, [fiber.memoizedProps, fiber.memoizedState]);
        }
        commits.push({ size, held, drawn, nested: inTask });
        if (inTask) return;
        inTask = true;
        queueMicrotask(() => {
          inTask = false;
        });
      },
    };
  });
}

/** The commits recorded in this page's document so far. */
export function reactCommits(page: Page): Promise<ReactCommit[]> {
  return page.evaluate(() => (window as unknown as { __reactCommits?: ReactCommit[] }).__reactCommits?.slice() ?? []);
}
