import { useEffect, useState } from 'react';

/** The console's screens, from the URL path. */
export type Route =
  | { name: 'queue'; ticketId: string | null }
  | { name: 'dashboard' }
  | { name: 'policy' };

/** The route of a path: `/`, `/tickets/<id>`, `/dashboard`, `/policy`; anything else is the queue. */
export function parseRoute(pathname: string): Route {
  const ticket = /^\/tickets\/([A-Za-z0-9_-]{1,160})\/?$/.exec(pathname);
  if (ticket?.[1]) return { name: 'queue', ticketId: ticket[1] };
  if (pathname.startsWith('/dashboard')) return { name: 'dashboard' };
  if (pathname.startsWith('/policy')) return { name: 'policy' };
  return { name: 'queue', ticketId: null };
}

/** Goes to a path without reloading (history API). */
export function navigate(path: string): void {
  if (location.pathname === path) return;
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The current route; re-renders on navigation. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = (): void => setRoute(parseRoute(location.pathname));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}
