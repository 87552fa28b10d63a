// The link clicked on the stage: its latency and loss, cut or restore it, in both directions
// or one. Every change goes to the runner as a `link` user action, so it is in the trace and
// the log (and drops on a cut link say so). Opened from the keyboard it takes the focus, Cut
// and Restore hand it to each other (the one pressed is disabled), and Close returns it to
// the link on the stage.

import { useEffect, useRef, useState } from 'react';
import { NumberField } from './NumberField.tsx';
import { parseNumberField, percent } from './number-field.ts';
import { type LinkSettings, MAX_LINK_MS, type NodeId } from '../../core/index.ts';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectLinkDefaults, selectLinks, selectNameOf, selectScenario } from '../../store/selectors.ts';
import { linkKey } from '../../store/trace-view.ts';
import { NetworkTimeouts } from './NetworkTimeouts.tsx';

export function LinkPanel({ a, b }: { a: NodeId; b: NodeId }) {
  const store = useLabStoreApi();
  const scenario = useLab(selectScenario);
  const links = useLab(selectLinks);
  // Every link's settings now (the scenario's, as "Apply to every link" changed them).
  const defaults = useLab(selectLinkDefaults) ?? scenario?.network.defaults;
  const nameOf = useLab(selectNameOf);
  const ab: Partial<LinkSettings> = links?.[linkKey(a, b)] ?? {};
  const ba: Partial<LinkSettings> = links?.[linkKey(b, a)] ?? {};
  const [both, setBoth] = useState(true);
  const [latency, setLatency] = useState(String(ab.latencyMs ?? defaults?.latencyMs ?? 20));
  const [loss, setLoss] = useState(percent(ab.loss ?? defaults?.loss ?? 0));
  const [latencyError, setLatencyError] = useState<string | null>(null);
  const [lossError, setLossError] = useState<string | null>(null);
  const cut = ab.up === false || (both && ba.up === false);
  const heading = useRef<HTMLHeadingElement>(null);
  const cutButton = useRef<HTMLButtonElement>(null);
  const restoreButton = useRef<HTMLButtonElement>(null);
  /** The button to focus once it is enabled (after Cut, Restore; after Restore, Cut). */
  const focusNext = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    if (document.activeElement?.classList.contains('link-hit')) heading.current?.focus();
  }, []);
  useEffect(() => {
    const next = focusNext.current;
    if (next && !next.disabled) {
      next.focus();
      focusNext.current = null;
    }
  });

  const send = (patch: Partial<LinkSettings>): void => {
    const act = store.getState().act;
    act({ type: 'link', from: a, to: b, patch });
    if (both) act({ type: 'link', from: b, to: a, patch });
  };
  const describe = (p: Partial<LinkSettings>): string =>
    p.up === false ? 'cut' : `${p.latencyMs ?? defaults?.latencyMs ?? 20} ms, ${percent(p.loss ?? defaults?.loss ?? 0)}% loss`;

  return (
    <section className="panel link-panel" aria-labelledby="link-heading" data-testid="link-panel">
      <h2 id="link-heading" ref={heading} tabIndex={-1}>
        Link {nameOf(a)} ↔ {nameOf(b)}
      </h2>
      <p className="link-state" data-testid="link-state">
        {nameOf(a)} → {nameOf(b)}: {describe(ab)} · {nameOf(b)} → {nameOf(a)}: {describe(ba)}
      </p>
      <form
        className="link-form"
        onSubmit={(e) => {
          e.preventDefault();
          const l = parseNumberField(latency, { min: 0, max: MAX_LINK_MS, unit: 'ms' });
          const p = parseNumberField(loss, { min: 0, max: 100, unit: '%' });
          setLatencyError(l.ok ? null : l.error);
          setLossError(p.ok ? null : p.error);
          if (l.ok && p.ok) send({ latencyMs: l.value, loss: p.value / 100 });
        }}
      >
        <NumberField label="Latency (ms)" testId="link-latency" value={latency} onChange={setLatency} error={latencyError} />
        <NumberField label="Loss (%)" testId="link-loss" value={loss} onChange={setLoss} error={lossError} />
        <label className="checkbox">
          <input data-testid="link-both" type="checkbox" checked={both} onChange={(e) => setBoth(e.target.checked)} /> both directions
          {both ? '' : ` (only ${nameOf(a)} → ${nameOf(b)})`}
        </label>
        <div className="link-actions">
          <button type="submit" data-testid="link-apply">
            Apply
          </button>
          <button
            type="button"
            data-testid="link-cut"
            ref={cutButton}
            disabled={cut}
            onClick={() => {
              focusNext.current = restoreButton.current;
              send({ up: false });
            }}
          >
            Cut
          </button>
          <button
            type="button"
            data-testid="link-restore"
            ref={restoreButton}
            disabled={!cut && ab.up !== false && ba.up !== false}
            onClick={() => {
              focusNext.current = cutButton.current;
              send({ up: true });
            }}
          >
            Restore
          </button>
          <button
            type="button"
            className="link-close"
            aria-label="Close the link panel"
            onClick={() => {
              store.getState().selectLink(null);
              document.querySelector<SVGElement>(`[data-testid="link-${Math.min(a, b)}-${Math.max(a, b)}"]`)?.focus();
            }}
          >
            Close
          </button>
        </div>
      </form>
      <NetworkTimeouts scope="link" />
    </section>
  );
}
