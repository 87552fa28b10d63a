// The relay's command line: argv in, options, help, or one error sentence out. Pure.

import type { HostPort, RelayOptions } from './server.ts';

/** What the command line sets: the relay's options, with the page origins always listed. */
export type RelayArgs = { kind: 'run' } & Omit<RelayOptions, 'allowOrigins' | 'log' | 'clock'> & { allowOrigins: string[] };

export type ParsedRelayArgs = RelayArgs | { kind: 'help' } | { kind: 'error'; message: string };

export const RELAY_HELP = `Usage: npm run relay -- [options]

Bridges the lab's own Python programs (TCP, their timestamp wire format) to the dslab page
(WebSocket). Open the page with ?scenario=<preset>&relay=ws://localhost:<ws port>.

  --cristian-port <p>          listen for Cristian clients (q1_client.py, q4_client_*.py); default 8011
  --berkeley-port <p>          listen for Berkeley slaves (q2_slave.py, q3_client_*.py); default 8080
  --ws-port <p>                WebSocket for the page; default 8090
  --upstream-cristian <h:p>    a real Cristian server (q1_server.py) for the simulated clients
  --upstream-berkeley <h:p>    a real Berkeley master (q3_master.py) for the simulated slaves
  --names <a,b,...>            names for programs in the order they connect; default KMC,MIT,TAPMI,SOLS
  --host <address>             address to listen on; default 127.0.0.1 (0.0.0.0 opens it to the network)
  --allow-origin <origin>      also accept the page from this origin (repeatable), e.g. https://lab.example.org
  --help                       this text
`;

const DEFAULT_NAMES = ['KMC', 'MIT', 'TAPMI', 'SOLS'];
const MAX_NAMES = 16;
const ECHO_LIMIT = 40;

const echo = (raw: string): string => JSON.stringify(raw.length > ECHO_LIMIT ? `${raw.slice(0, ECHO_LIMIT)}…` : raw);

function port(flag: string, raw: string): number | string {
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) return `${flag} takes a port from 0 to 65535, not ${echo(raw)}`;
  return Number(raw);
}

function hostPort(flag: string, raw: string): HostPort | string {
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]{1,253}):(\d{1,5})$/.exec(raw);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) return `${flag} takes host:port, such as 127.0.0.1:8011, not ${echo(raw)}`;
  return { host: (m[1] as string).replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

export function parseRelayArgs(argv: readonly string[]): ParsedRelayArgs {
  const out: RelayArgs = {
    kind: 'run',
    host: '127.0.0.1',
    cristianPort: 8011,
    berkeleyPort: 8080,
    wsPort: 8090,
    upstreamCristian: null,
    upstreamBerkeley: null,
    names: DEFAULT_NAMES,
    allowOrigins: [],
  };
  const error = (message: string): ParsedRelayArgs => ({ kind: 'error', message });
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === '--help' || token === '-h') return { kind: 'help' };
    if (!token.startsWith('--')) return error(`unexpected argument ${echo(token)} (options start with --; see --help)`);
    const eq = token.indexOf('=');
    const flag = eq === -1 ? token : token.slice(0, eq);
    const known = [
      '--cristian-port',
      '--berkeley-port',
      '--ws-port',
      '--upstream-cristian',
      '--upstream-berkeley',
      '--names',
      '--host',
      '--allow-origin',
    ];
    if (!known.includes(flag)) return error(`unknown option ${echo(flag)} (see --help)`);
    let value = eq === -1 ? undefined : token.slice(eq + 1);
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return error(`${flag} needs a value`);
      value = next;
      i++;
    }
    switch (flag) {
      case '--cristian-port':
      case '--berkeley-port':
      case '--ws-port': {
        const p = port(flag, value);
        if (typeof p === 'string') return error(p);
        if (flag === '--cristian-port') out.cristianPort = p;
        else if (flag === '--berkeley-port') out.berkeleyPort = p;
        else out.wsPort = p;
        break;
      }
      case '--upstream-cristian':
      case '--upstream-berkeley': {
        const hp = hostPort(flag, value);
        if (typeof hp === 'string') return error(hp);
        if (flag === '--upstream-cristian') out.upstreamCristian = hp;
        else out.upstreamBerkeley = hp;
        break;
      }
      case '--names': {
        const names = value.split(',').map((n) => n.trim());
        if (names.length > MAX_NAMES) return error(`--names takes at most ${MAX_NAMES} names`);
        const bad = names.find((n) => !/^[A-Za-z0-9_.-]{1,20}$/.test(n));
        if (bad !== undefined) return error(`--names takes names of 1 to 20 letters, digits, "_", "." or "-", not ${echo(bad)}`);
        if (new Set(names).size !== names.length) return error('--names lists a name twice');
        out.names = names;
        break;
      }
      case '--host':
        if (!/^[A-Za-z0-9.:-]{1,253}$/.test(value)) return error(`--host takes an address such as 127.0.0.1, not ${echo(value)}`);
        out.host = value;
        break;
      case '--allow-origin':
        if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(value))
          return error(`--allow-origin takes an origin such as https://lab.example.org, not ${echo(value)}`);
        out.allowOrigins = [...out.allowOrigins, value];
        break;
    }
  }
  return out;
}
