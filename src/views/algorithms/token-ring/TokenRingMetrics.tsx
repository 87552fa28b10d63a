// The token ring against theory: each entry waited 0 to n hops of the token (Coulouris
// §15.2), measured per entry from the trace (the definition's tokenWaits, as the CLI prints
// it); the token's idle circulation and the regeneration traffic are counted apart.

import { algorithmFor } from '../../../core/index.ts';
import { useLab } from '../../../store/context.tsx';
import { selectScenario } from '../../../store/selectors.ts';
import type { MetricsPartProps } from '../definition.ts';
import { MutexMetrics } from '../shared/MutexMetrics.tsx';

const numberOf = (v: unknown): number => (typeof v === 'number' ? v : NaN);

export function TokenRingMetrics(props: MetricsPartProps) {
  const scenario = useLab(selectScenario);
  const { events, algorithm, nodeCount } = props;
  const outcomes = scenario ? (algorithmFor(algorithm.id).outcomes?.(events, scenario) ?? {}) : {};
  const waits = (outcomes['tokenWaits'] ?? []).map((w) => numberOf((w as Record<string, unknown>)['passes']));
  if (waits.length === 0) return <MutexMetrics {...props} />;
  const tokens = events.filter((e) => e.type === 'send' && e.kind === 'TOKEN').length;
  const claims = events.filter((e) => e.type === 'send' && e.kind === 'CLAIM').length;
  const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
  const max = Math.max(...waits);
  return (
    <>
      <MutexMetrics {...props} />
      <p data-testid="token-waits" data-max={max} data-mean={mean.toFixed(2)} data-entries={waits.length} data-n={nodeCount}>
        Token hops waited per entry: {waits.join(', ')} (mean {mean.toFixed(1)}, most {max}; theory 0 to n = {nodeCount}).
      </p>
      <p data-testid="token-traffic" data-token={tokens} data-claim={claims}>
        {tokens} TOKEN passes in all (it goes round even when nobody waits); {claims} CLAIM messages regenerating it.
      </p>
    </>
  );
}
