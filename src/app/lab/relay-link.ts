// The lab page's link to a relay (ARCHITECTURE.md §6): one WebSocket at a time, the relay scenario
// built from its hello, and a RelaySession bound to every live runner made for that scenario.
// While linked, the run is real time (1×, no pause); a fork (time travel) runs offline.

import type { Scenario } from '../../core/index.ts';
import { createLiveRunner, type LiveRunnerHandle } from '../../hosts/live-runner.ts';
import { connectRelay, type RelayConnection, type WebSocketLike } from '../../hosts/relay-client.ts';
import { RelaySession } from '../../hosts/relay-session.ts';
import { relayScenario } from '../../scenarios/relay.ts';

interface Link {
  connection: RelayConnection;
  scenarioId: string;
  session: RelaySession | null;
}

let link: Link | null = null;
const lines: string[] = [];
const listeners = new Set<() => void>();
let status: { state: 'off' | 'connecting' | 'on' | 'error'; text: string } = { state: 'off', text: 'not connected' };

const changed = (): void => listeners.forEach((l) => l());
const log = (line: string): void => {
  lines.push(line);
  if (lines.length > 200) lines.splice(0, lines.length - 200);
  changed();
};

export const relayLink = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  status: () => status,
  lines: (): readonly string[] => lines,
  hello: () => link?.connection.hello ?? null,
};

/** Connects to the relay at `url` and returns the scenario to load for `base`, or throws with a sentence. */
export async function linkRelay(url: string, base: Scenario): Promise<Scenario> {
  unlinkRelay();
  status = { state: 'connecting', text: `connecting to ${url}…` };
  changed();
  try {
    const connection = await connectRelay(
      url,
      (u) => new WebSocket(u) as unknown as WebSocketLike,
      () => performance.now(),
    );
    const { hello } = connection;
    const scenario = relayScenario(base, {
      names: hello.names,
      upstreamCristian: hello.upstream.cristian,
      upstreamBerkeley: hello.upstream.berkeley,
    });
    const current: Link = { connection, scenarioId: scenario.id, session: null };
    link = current;
    connection.listen(
      (raw) => current.session?.receive(raw),
      (reason) => {
        current.session?.disconnected(reason);
        if (link === current) link = null;
        status = { state: 'error', text: `the relay disconnected: ${reason}` };
        changed();
      },
    );
    status = { state: 'on', text: `connected to ${url}` };
    changed();
    return scenario;
  } catch (error) {
    status = { state: 'error', text: error instanceof Error ? error.message : String(error) };
    changed();
    throw error;
  }
}

export function unlinkRelay(): void {
  const current = link;
  link = null;
  if (!current) return;
  current.session?.dispose();
  current.connection.close();
  status = { state: 'off', text: 'not connected' };
  changed();
}

/** A real-time runner with a session, when `scenario` is the linked relay scenario (and not a fork); else null. */
export function relayRunner(scenario: Scenario, seed: number): LiveRunnerHandle | null {
  const current = link;
  if (!current || current.scenarioId !== scenario.id) return null;
  let session: RelaySession | null = null;
  const runner = createLiveRunner({ scenario, seed, host: 'worker', realTime: true, onExternal: (d) => session?.delivered(d) });
  session = new RelaySession({
    runner,
    scenario,
    hello: current.connection.hello,
    helloAt: current.connection.helloAt,
    send: (command) => current.connection.send(JSON.stringify(command)),
    log,
  });
  current.session?.dispose();
  current.session = session;
  const dispose = runner.dispose.bind(runner);
  const own = session;
  runner.dispose = () => {
    own.dispose();
    dispose();
  };
  // Real time starts now: the session's time line and the run's are fixed together.
  runner.play();
  own.start();
  return runner;
}
