/** The store's registry and default ball, read once (the ball rules and the hand-off picker need them). */
import { useEffect, useState } from 'react';
import type { AgentRegistry, ThreadStore } from '../../core/index.js';
import { DEFAULT_BALL } from '../../core/index.js';

export interface TuiConfig {
  registry: AgentRegistry | undefined;
  defaultBall: string;
}

export function useConfig(store: ThreadStore): TuiConfig {
  const [config, setConfig] = useState<TuiConfig>({
    registry: undefined,
    defaultBall: DEFAULT_BALL,
  });
  useEffect(() => {
    let alive = true;
    store.config().then(
      (c) => alive && setConfig({ registry: c.registry, defaultBall: c.defaultBall }),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [store]);
  return config;
}
