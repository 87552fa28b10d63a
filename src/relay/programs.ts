// The commands that run the lab's own Python programs (shared/seed/programs) against the page
// through `npm run relay`, for each of the programs' two protocols: the page's relay panel shows
// them. No Node or DOM imports: the page uses this file.

import type { Service } from './protocol.ts';

export interface RelayPorts {
  cristian: number;
  berkeley: number;
}

/** The shell lines for a preset whose algorithm speaks `service`; `names` the relay's --names for it (null: its default). */
export function relayCommands(service: Service, names: readonly string[] | null, ports: RelayPorts): string[] {
  const dir = "cd shared/seed/programs   # the lab's programs, unmodified";
  const relay = `npm run relay${names ? ` -- --names ${names.join(',')}` : ''}`;
  if (service === 'cristian')
    return [
      relay,
      dir,
      `PORT=${ports.cristian} python3 q1_client.py          # a real client asks the simulated server`,
      `PORT=${ports.cristian} python3 q4_client_MOBILE.py & PORT=${ports.cristian} python3 q4_client_LAPTOP.py`,
      `# or the other way: a real server for the simulated clients`,
      `PORT=9011 python3 q1_server.py & npm run relay -- --upstream-cristian 127.0.0.1:9011`,
    ];
  return [
    relay,
    dir,
    ...['KMC', 'MIT', 'TAPMI', 'SOLS'].map((n) => `PORT=${ports.berkeley} python3 q3_client_${n}.py &`),
    `# or the other way: the seed's master for the simulated slaves`,
    `PORT=9080 python3 q3_master.py & npm run relay -- --upstream-berkeley 127.0.0.1:9080`,
  ];
}
