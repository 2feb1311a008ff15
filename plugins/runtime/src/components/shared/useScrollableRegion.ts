import { useCallback, useEffect, useState } from 'react';

const overflows = (element: HTMLElement) =>
  element.scrollWidth > element.clientWidth ||
  element.scrollHeight > element.clientHeight;

/**
 * Whether an element scrolls (its content is wider or taller than it), kept up to date as it or its
 * content resizes. A region that scrolls must be reachable from the keyboard (WCAG 2.1.1), so its
 * owner gives it `tabIndex={0}` while this is true and leaves it out of the tab order otherwise.
 * Without `ResizeObserver` (jsdom), the answer is the first measure's.
 */
export function useScrollableRegion<T extends HTMLElement>(): [
  (element: T | null) => void,
  boolean,
] {
  const [element, setElement] = useState<T | null>(null);
  const [scrollable, setScrollable] = useState(false);
  const ref = useCallback((node: T | null) => setElement(node), []);
  useEffect(() => {
    if (!element) return undefined;
    const measure = () => setScrollable(overflows(element));
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    for (const child of Array.from(element.children)) observer.observe(child);
    return () => observer.disconnect();
  }, [element]);
  return [ref, scrollable];
}
