// The selected node: crash, recover, the verbs its algorithm takes ("notice the coordinator's
// failure" for elections, "request the critical section" for mutual exclusion), its drift (ppm),
// its clock and offset, and what its machine says it is doing, in words.

import { NumberField } from '../controls/NumberField.tsx';
import { parseNumberField } from '../controls/number-field.ts';
import { useEffect, useState } from 'react';
import { algorithmFor, MAX_DRIFT_PPM, type NodeId, readClock, type TrueTime } from '../../core/index.ts';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectAlgorithm, selectNode, selectReadout, selectRunner, selectSelected, selectSelectedLink } from '../../store/selectors.ts';
import { LinkPanel } from '../controls/LinkPanel.tsx';
import { formatSeconds, formatOffsetMs, formatPpm } from '../stage/format.ts';

/** The UI allows large, visible drifts (ARCHITECTURE.md §3) but keeps the clock running forwards: core/limits.ts. */
export { MAX_DRIFT_PPM };

function Description({ id }: { id: NodeId }) {
  const runner = useLab(selectRunner);
  const node = useLab(selectNode(id));
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const ask = (): void => {
      runner?.describe(id).then(
        (t) => live && setText(t),
        () => live && setText(null),
      );
    };
    ask();
    const timer = window.setInterval(ask, 1000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [runner, id, node]);
  return (
    <p className="node-description" data-testid={`node-${id}-description`}>
      {node?.faulted
        ? `Faulted: ${node.faulted}. The host stopped it; its volatile state is gone.`
        : node?.status === 'crashed'
          ? 'Crashed: its volatile state is gone.'
          : (text ?? '…')}
    </p>
  );
}

function ClockLine({ id }: { id: NodeId }) {
  const node = useLab(selectNode(id));
  const now = useLab(selectReadout);
  if (!node) return null;
  return (
    <dl className="inspector-facts">
      <dt>Clock</dt>
      <dd data-testid={`node-${id}-clock`}>{formatSeconds(readClock(node.clock, now as TrueTime))}</dd>
      <dt>Offset</dt>
      <dd data-testid={`node-${id}-offset`}>{formatOffsetMs(node.offsetMs)}</dd>
      <dt>Drift</dt>
      <dd>{formatPpm(node.clock.driftPpm)}</dd>
    </dl>
  );
}

function DriftInput({ id, ppm }: { id: NodeId; ppm: number }) {
  const store = useLabStoreApi();
  const [text, setText] = useState(String(ppm));
  const [error, setError] = useState<string | null>(null);
  const commit = (): void => {
    const read = parseNumberField(text, { min: -MAX_DRIFT_PPM, max: MAX_DRIFT_PPM, unit: 'ppm' });
    setError(read.ok ? null : read.error);
    if (read.ok && read.value !== ppm) store.getState().act({ type: 'drift', node: id, ppm: read.value });
  };
  return (
    <form
      className="drift-form"
      onSubmit={(e) => {
        e.preventDefault();
        commit();
      }}
    >
      <NumberField
        label="Drift (ppm)"
        testId={`node-${id}-drift`}
        ariaLabel="Drift in parts per million"
        value={text}
        onChange={setText}
        onBlur={commit}
        error={error}
      />
      <button type="submit">Set</button>
    </form>
  );
}

export function NodeInspector() {
  const store = useLabStoreApi();
  const id = useLab(selectSelected);
  const node = useLab((s) => (id === null ? undefined : selectNode(id)(s)));
  const link = useLab(selectSelectedLink);
  const algorithm = useLab(selectAlgorithm);
  const verbs = algorithm === null ? [] : algorithmFor(algorithm).verbs;
  if (link) return <LinkPanel key={`${link.a}-${link.b}`} a={link.a} b={link.b} />;
  if (id === null || !node) {
    return (
      <section className="panel inspector" aria-label="Node inspector">
        <p className="hint">Click a node to crash it, recover it or change its drift; click a link to slow it or cut it.</p>
      </section>
    );
  }
  const act = store.getState().act;
  const crashed = node.status === 'crashed';
  return (
    <section className="panel inspector" aria-labelledby="inspector-heading" data-testid="inspector">
      <h2 id="inspector-heading">
        {node.name}{' '}
        <span className={`badge status-${node.faulted ? 'faulted' : node.status}`} title={node.faulted ?? undefined}>
          {node.faulted ? 'faulted' : crashed ? 'crashed' : node.role}
        </span>
      </h2>
      {node.faulted && (
        <p className="fault-line" data-testid={`node-${id}-fault`} role="status">
          faulted: {node.faulted}
        </p>
      )}
      <div className="inspector-actions">
        <button
          type="button"
          data-testid={`node-${id}-crash`}
          aria-label={`Crash ${node.name} (c)`}
          disabled={crashed}
          onClick={() => act({ type: 'crash', node: id })}
        >
          Crash
        </button>
        <button
          type="button"
          data-testid={`node-${id}-recover`}
          aria-label={`Recover ${node.name} (v)`}
          disabled={!crashed}
          onClick={() => act({ type: 'recover', node: id })}
        >
          Recover
        </button>
        {verbs.includes('notice') && (
          <button
            type="button"
            data-testid={`node-${id}-notice`}
            aria-label={`Notice failure: make ${node.name} notice the coordinator's failure (n)`}
            disabled={crashed}
            onClick={() => act({ type: 'notice', node: id })}
          >
            Notice failure
          </button>
        )}
        {verbs.includes('request') && (
          <button
            type="button"
            data-testid={`node-${id}-request`}
            aria-label={`Request CS: make ${node.name} ask for the critical section (e)`}
            disabled={crashed}
            onClick={() => act({ type: 'request', node: id })}
          >
            Request CS
          </button>
        )}
      </div>
      <ClockLine id={id} />
      <DriftInput key={`${id}:${node.clock.driftPpm}`} id={id} ppm={node.clock.driftPpm} />
      <Description id={id} />
    </section>
  );
}
