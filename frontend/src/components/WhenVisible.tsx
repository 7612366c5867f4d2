import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Draws its children once the place they take comes near the screen, and an
 * empty box of about their height (`minHeight`, so that little moves) until
 * then: not a loading placeholder, since nothing is loading (a part never
 * scrolled to would otherwise read as loading forever, and animate). For
 * heavy parts below the fold (a visit's history, the review's chart): on a
 * phone they were part of the first render's long task, and asked for their
 * data, for something not yet in view. Once
 * drawn they stay. Where the browser cannot tell (no IntersectionObserver),
 * the children are drawn at once.
 */
export function WhenVisible({ children, minHeight }: { children: ReactNode; minHeight: number }) {
  const [visible, setVisible] = useState(() => typeof IntersectionObserver === 'undefined');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (visible || !element) return;
    // Started a screen early, so that a scroll finds the part drawn.
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setVisible(true);
    }, { rootMargin: '100% 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);
  return visible ? <>{children}</> : <div ref={ref} style={{ minHeight }} data-when-visible="" />;
}
