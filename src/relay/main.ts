// `npm run relay`: starts the relay (server.ts) with the options of args.ts until Ctrl-C.

import { parseRelayArgs, RELAY_HELP } from './args.ts';
import { RelayServer } from './server.ts';

const args = parseRelayArgs(process.argv.slice(2));
if (args.kind === 'help') {
  process.stdout.write(RELAY_HELP);
  process.exit(0);
}
if (args.kind === 'error') {
  process.stderr.write(`relay: ${args.message}\n`);
  process.exit(2);
}

const relay = new RelayServer({ ...args, log: (line) => console.log(line) });
try {
  const at = await relay.start();
  const host = args.host.includes(':') ? `[${args.host}]` : args.host;
  console.log(`relay: Cristian clients → ${host}:${at.cristianPort}, Berkeley slaves → ${host}:${at.berkeleyPort}`);
  if (args.upstreamCristian)
    console.log(`relay: simulated Cristian clients → real server ${args.upstreamCristian.host}:${args.upstreamCristian.port}`);
  if (args.upstreamBerkeley)
    console.log(`relay: simulated Berkeley slaves → real master ${args.upstreamBerkeley.host}:${args.upstreamBerkeley.port}`);
  console.log(`relay: open the page with ?scenario=cristian-basic&relay=ws://localhost:${at.wsPort} (names: ${args.names.join(', ')})`);
  if (args.host !== '127.0.0.1' && args.host !== 'localhost') console.log(`relay: listening on ${args.host}: reachable from the network`);
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  process.stderr.write(`relay: cannot listen: ${e.code === 'EADDRINUSE' ? `a port is already in use (${e.message})` : e.message}\n`);
  process.exit(1);
}

const stop = (): void => {
  void relay.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
