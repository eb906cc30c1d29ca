import { NavLink } from 'react-router-dom';

import { strategyBase } from './StrategyParts';

/** The strategy section's own links: home (vision), goals, initiatives. */
export function StrategyNav({ productId }: { productId: string }) {
  const base = strategyBase(productId);
  return (
    <nav className="sub-nav" aria-label="Strategy">
      <NavLink to={base} end>
        Vision
      </NavLink>
      <NavLink to={`${base}/goals`}>Goals</NavLink>
      <NavLink to={`${base}/initiatives`}>Initiatives</NavLink>
    </nav>
  );
}
