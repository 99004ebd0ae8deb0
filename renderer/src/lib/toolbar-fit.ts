/**
 * Whether the toolbar stays at the top of the screen while the page scrolls. It does while its
 * row of tools takes at most a fifth of the screen's height; when it takes more — a laptop zoomed
 * to 125–200 %, where the counsellor's badge and 로그아웃 push the tools onto a second row, about
 * 156 of 512 px — it scrolls away with the page, so that a form keeps the room to be filled in
 * (its own bar with 다음 stays at the bottom), and is back at the top of every screen.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

/** The largest share of the screen's height a sticky toolbar may take. */
export const TOOLBAR_SHARE = 0.2;

export const toolbarSticks = (rowHeight: number, viewportHeight: number): boolean => viewportHeight <= 0 || rowHeight <= viewportHeight * TOOLBAR_SHARE;

/** toolbarSticks for the toolbar's row of tools (`row`), measured again when it or the window changes size. */
export function useToolbarSticks(row: RefObject<HTMLElement | null>): boolean {
  const [sticks, setSticks] = useState(true);
  useLayoutEffect(() => {
    const el = row.current;
    if (!el) return;
    const measure = () => setSticks(toolbarSticks(el.getBoundingClientRect().height, window.innerHeight));
    measure();
    const seen = new ResizeObserver(measure);
    seen.observe(el);
    window.addEventListener('resize', measure);
    return () => {
      seen.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [row]);
  return sticks;
}

/** Whether the toolbar scrolls away with the page now (a short screen: useToolbarSticks). */
export const toolbarScrolls = (): boolean => document.querySelector<HTMLElement>('.toolbar')?.dataset.toolbar === 'scrolls';

/** How far down the screen the toolbar covers the page (its bottom while it stays at the top; 0 when it scrolls away with the page). */
export function toolbarCover(): number {
  const bar = document.querySelector<HTMLElement>('.toolbar');
  return bar && !toolbarScrolls() ? Math.max(0, bar.getBoundingClientRect().bottom) : 0;
}

/**
 * Scrolls an element wholly into view below the sticky toolbar (which would cover it with
 * scrollIntoView), unless it is already; one taller than the screen starts just below the toolbar.
 */
export function bringIntoView(el: HTMLElement | null): void {
  if (!el) return;
  const below = toolbarCover();
  const r = el.getBoundingClientRect();
  if (r.top >= below && r.bottom <= window.innerHeight) return;
  window.scrollBy({ top: r.top - below - 12 });
}
