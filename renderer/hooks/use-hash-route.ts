// Keeps the route in step with the address bar: back/forward and edited links move the UI, and
// navigating writes the address (one history entry per move).
import { useCallback, useEffect, useState } from 'react';
import { formatRoute, parseRoute, type Route } from '../hash-route';

export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    const hash = formatRoute(next);
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
    setRoute(next);
  }, []);
  return [route, navigate];
}
