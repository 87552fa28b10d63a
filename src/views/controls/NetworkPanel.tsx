// The network's defaults (latency, jitter and its distribution, loss, FIFO) and partitions:
// tick the nodes of one side, cut, and heal. Everything goes to the runner as user actions,
// so it is in the trace and the log like any other event.

import { useState } from 'react';
import { NumberField } from './NumberField.tsx';
import { percent, type FieldValue, parseNumberField } from './number-field.ts';
import { type JitterDistribution, MAX_LINK_MS, type NodeId } from '../../core/index.ts';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectNodeOrder, selectPartition, selectScenario } from '../../store/selectors.ts';
import { NetworkTimeouts } from './NetworkTimeouts.tsx';

const DISTRIBUTIONS: readonly JitterDistribution[] = ['none', 'uniform', 'normal', 'exponential'];

export function NetworkPanel() {
  const store = useLabStoreApi();
  const scenario = useLab(selectScenario);
  const order = useLab(selectNodeOrder);
  const partition = useLab(selectPartition);
  const defaults = scenario?.network.defaults;
  const [latency, setLatency] = useState(String(defaults?.latencyMs ?? 20));
  const [jitter, setJitter] = useState(String(defaults?.jitterMs ?? 10));
  const [dist, setDist] = useState<JitterDistribution>(defaults?.jitter ?? 'uniform');
  const [loss, setLoss] = useState(percent(defaults?.loss ?? 0));
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [fifo, setFifo] = useState(defaults?.fifo ?? true);
  const [side, setSide] = useState<ReadonlySet<NodeId>>(new Set());

  /** Every field read, or nothing applied: a field that cannot be read says why beside itself. */
  const apply = (): void => {
    const fields: Record<string, FieldValue> = {
      latency: parseNumberField(latency, { min: 0, max: MAX_LINK_MS, unit: 'ms' }),
      jitter: parseNumberField(jitter, { min: 0, max: MAX_LINK_MS, unit: 'ms' }),
      loss: parseNumberField(loss, { min: 0, max: 100, unit: '%' }),
    };
    setErrors(Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.ok ? null : f.error])));
    const { latency: l, jitter: j, loss: p } = fields;
    if (!l?.ok || !j?.ok || !p?.ok) return;
    store.getState().act({ type: 'network', patch: { latencyMs: l.value, jitterMs: j.value, jitter: dist, loss: p.value / 100, fifo } });
  };

  const cut = (): void => {
    const a = order.filter((id) => side.has(id));
    const b = order.filter((id) => !side.has(id));
    if (a.length === 0 || b.length === 0) return;
    store.getState().act({ type: 'partition', groups: [a, b] });
  };

  return (
    <section className="panel network-panel" aria-labelledby="network-heading">
      <h2 id="network-heading">Network</h2>
      <form
        className="network-form"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <NumberField
          label="Latency (ms)"
          testId="network-latency"
          value={latency}
          onChange={setLatency}
          error={errors['latency'] ?? null}
        />
        <NumberField label="Jitter (ms)" testId="network-jitter" value={jitter} onChange={setJitter} error={errors['jitter'] ?? null} />
        <label>
          Jitter shape
          <select data-testid="network-distribution" value={dist} onChange={(e) => setDist(e.target.value as JitterDistribution)}>
            {DISTRIBUTIONS.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
        <NumberField label="Loss (%)" testId="network-loss" value={loss} onChange={setLoss} error={errors['loss'] ?? null} />
        <label className="checkbox">
          <input data-testid="network-fifo" type="checkbox" checked={fifo} onChange={(e) => setFifo(e.target.checked)} /> FIFO order
        </label>
        <button type="submit" data-testid="network-apply">
          Apply to every link
        </button>
      </form>
      <NetworkTimeouts />
      <fieldset className="partition-form">
        <legend>Partition: tick one side</legend>
        <div className="partition-nodes">
          {order.map((id) => (
            <label key={id} className="checkbox">
              <input
                type="checkbox"
                data-testid={`partition-node-${id}`}
                checked={side.has(id)}
                onChange={(e) => {
                  const next = new Set(side);
                  if (e.target.checked) next.add(id);
                  else next.delete(id);
                  setSide(next);
                }}
              />
              {scenario?.nodes.find((n) => n.id === id)?.name ?? id}
            </label>
          ))}
        </div>
        <button type="button" data-testid="partition-cut" disabled={side.size === 0 || side.size === order.length} onClick={cut}>
          Cut
        </button>
        <button
          type="button"
          data-testid="partition-heal"
          disabled={partition === null}
          onClick={() => store.getState().act({ type: 'heal' })}
        >
          Heal
        </button>
      </fieldset>
    </section>
  );
}
