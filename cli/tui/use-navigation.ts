/**
 * Which screen is up: the route, and whether help covers it. Each change holds the keys typed
 * meanwhile for the new screen instead of letting them reach the old one.
 */
import { useState } from 'react';
import type { Route } from './route.js';

export interface Navigation {
  route: Route;
  setRoute: (r: Route) => void;
  helpOpen: boolean;
  setHelpOpen: (open: boolean) => void;
}

export function useNavigation(hold: () => void): Navigation {
  const [route, setRouteNow] = useState<Route>({ kind: 'list' });
  const [helpOpen, setHelpNow] = useState(false);
  const setRoute = (r: Route) => {
    hold();
    setRouteNow(r);
  };
  const setHelpOpen = (open: boolean) => {
    hold();
    setHelpNow(open);
  };
  return { route, setRoute, helpOpen, setHelpOpen };
}
