// Beside the network controls: the timeouts the nodes now use (they follow the slowest link,
// core/timeouts.ts) and, when a setting will still make timeouts fire, a warning saying which
// and why (`network-warning`).

import { useMemo } from 'react';
import { useLab } from '../../store/context.tsx';
import { selectFastestRate, selectLinkDefaults, selectLinks, selectScenario } from '../../store/selectors.ts';
import { formatMs, timeoutsView } from '../../store/timeouts-view.ts';

/** `scope` names the test ids: `network-timeouts` and `network-warning` in the network panel, `link-…` in the link panel. */
export function NetworkTimeouts({ scope = 'network' }: { scope?: 'network' | 'link' }) {
  const scenario = useLab(selectScenario);
  const links = useLab(selectLinks);
  const defaults = useLab(selectLinkDefaults);
  const fastestRate = useLab(selectFastestRate);
  const view = useMemo(
    () => (scenario && defaults && links ? timeoutsView(scenario, defaults, links, fastestRate) : null),
    [scenario, defaults, links, fastestRate],
  );
  if (!view) return null;
  return (
    <div className="network-timeouts">
      <p data-testid={`${scope}-timeouts`} data-one-way-ms={Math.round(view.oneWayMs)}>
        {scenario?.timeouts === 'fixed'
          ? 'Timeouts fixed by the scenario'
          : `Timeouts follow the slowest delay (${formatMs(view.oneWayMs)} one way${
              view.fastestRate > 1 ? `; on a clock running fast, longer by its rate, up to × ${view.fastestRate.toFixed(2)}` : ''
            })`}
        : {view.timeouts.map((t) => `${t.label} ${formatMs(t.ms)}`).join(' · ')}
      </p>
      {view.warnings.length > 0 && (
        <ul className="network-warning" data-testid={`${scope}-warning`} role="status">
          {view.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
