// The words the page uses without saying what they are (issue 8: "T0/Ts/T1, RTT, ppm, slew
// are never explained"), for the `?` dialog: one plain sentence each, with the formula where
// there is one.

export interface GlossaryEntry {
  term: string;
  meaning: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  { term: 'true time', meaning: 'The simulation’s own time, which no node can read: every node sees only its local clock.' },
  {
    term: 'T0, Ts, T1',
    meaning:
      'Cristian’s algorithm: the client sends its request at T0 on its own clock, the server answers with its time Ts, and the answer arrives at T1 on the client’s clock.',
  },
  {
    term: 'RTT',
    meaning:
      'Round-trip time, T1 − T0: how long the request and the answer took together. The client sets its clock to Ts + RTT/2, guessing the answer took half of it.',
  },
  {
    term: 'offset',
    meaning: 'How far a clock is from true time (its reading minus true time): +12 ms is 12 ms ahead.',
  },
  {
    term: 'drift, ppm',
    meaning:
      'How fast a clock runs wrong, in parts per million: +50 ppm gains 50 µs every second (a quartz watch); +50,000 ppm gains 50 ms a second, 5% fast.',
  },
  {
    term: 'step, slew',
    meaning:
      'Two ways to correct a clock: a step sets it at once (it may jump backwards); a slew runs it a little fast or slow until the difference is absorbed, so it never goes backwards.',
  },
  {
    term: 'fault-tolerant average',
    meaning:
      'Berkeley’s master averages only the largest group of readings within the threshold of each other, so one wild clock cannot drag everyone.',
  },
  {
    term: 'coordinator, election',
    meaning:
      'The process the others follow; when it fails, an election picks a new one: the highest live id (Bully) or the highest id that went round the ring (Ring).',
  },
  {
    term: 'timeout',
    meaning:
      'How long a node waits for an answer before it takes the other side for crashed. The waits follow the slowest link, so slowing the network does not by itself make one fire.',
  },
  {
    term: 'partition',
    meaning: 'The network cut into groups that cannot reach each other; each group may then elect its own coordinator.',
  },
];
