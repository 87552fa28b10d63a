// "Connect real programs" (ARCHITECTURE.md §6): the exact commands that run the lab's own Python
// programs against this page through `npm run relay`, and the link to the relay. Opened with
// ?relay=ws://…, the page links at once; while linked the run follows the wall clock at 1×.

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Scenario } from '../../core/index.ts';
import { findPreset } from '../../scenarios/index.ts';
import { relayCommands } from '../../relay/programs.ts';
import { hubOf, parseRelayScenarioId, relayNamesOf, relayServiceOf } from '../../scenarios/relay.ts';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectScenario, selectSeed } from '../../store/selectors.ts';
import { readRelayParam } from '../url-state.ts';
import { linkRelay, relayLink, unlinkRelay } from './relay-link.ts';

const DEFAULT_RELAY = 'ws://localhost:8090';

function baseOf(scenario: Scenario): Scenario {
  const relayed = parseRelayScenarioId(scenario.id);
  return (relayed && findPreset(relayed.baseId)) || scenario;
}

export function RelayPanel() {
  const store = useLabStoreApi();
  const scenario = useLab(selectScenario);
  const seed = useLab(selectSeed);
  const status = useSyncExternalStore(relayLink.subscribe, relayLink.status);
  const lines = useSyncExternalStore(relayLink.subscribe, relayLink.lines);
  const [url, setUrl] = useState(() => readRelayParam(window.location.search).url ?? DEFAULT_RELAY);
  const [open, setOpen] = useState(() => readRelayParam(window.location.search).url !== null);

  const connect = async (to: string, base: Scenario): Promise<void> => {
    try {
      const next = await linkRelay(to, base);
      const params = new URLSearchParams(window.location.search);
      params.set('relay', to);
      window.history.replaceState(null, '', `${window.location.pathname}?${params.toString()}${window.location.hash}`);
      store.getState().load(next, store.getState().seed, true);
    } catch {
      // The status line says why.
    }
  };

  // ?relay=… links once, when the page opens on a scenario.
  const [auto] = useState(() => readRelayParam(window.location.search).url);
  const ready = scenario !== null;
  useEffect(() => {
    if (!auto || !ready) return;
    const current = store.getState().scenario;
    if (current) void connect(auto, baseOf(current));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready]);
  useEffect(() => () => unlinkRelay(), []);

  if (!scenario) return null;
  const base = baseOf(scenario);
  const service = relayServiceOf(base);
  const capable = hubOf(base) !== null && service !== null;
  const hello = relayLink.hello();
  const ports = { cristian: hello?.cristianPort ?? 8011, berkeley: hello?.berkeleyPort ?? 8080, ws: 8090 };
  const linked = status.state === 'on';

  return (
    <details className="relay-panel" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="relay-panel">
      <summary>Connect real programs</summary>
      {!capable ? (
        <p>The lab's programs speak Cristian's and Berkeley's protocols: open a Cristian or Berkeley preset.</p>
      ) : (
        <>
          <p>Run the relay and the lab's own programs on this machine, then connect:</p>
          <pre className="relay-commands" data-testid="relay-commands">
            {service !== null && relayCommands(service, relayNamesOf(base), ports).join('\n')}
          </pre>
          <label>
            Relay <input value={url} onChange={(e) => setUrl(e.currentTarget.value)} aria-label="Relay address" spellCheck={false} />
          </label>{' '}
          {linked ? (
            <button
              type="button"
              data-testid="relay-disconnect"
              onClick={() => {
                unlinkRelay();
                store.getState().load(base, seed, true);
              }}
            >
              Disconnect
            </button>
          ) : (
            <button type="button" data-testid="relay-connect" onClick={() => void connect(url, base)}>
              Connect real programs
            </button>
          )}
          <p className={`relay-status relay-${status.state}`} data-testid="relay-status" role="status">
            {status.text}
            {linked ? ' — the run follows the wall clock at 1×; real nodes are marked "real".' : ''}
          </p>
          {lines.length > 0 && (
            <ol className="relay-log" data-testid="relay-log">
              {lines.slice(-8).map((line, i) => (
                <li key={`${lines.length - 8 + i}`}>{line}</li>
              ))}
            </ol>
          )}
        </>
      )}
    </details>
  );
}
