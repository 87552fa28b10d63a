import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../hosts/inline.ts';
import { presets } from '../../scenarios/index.ts';
import { electionEpisodes, predictedBully, predictedRing } from './election-metrics.ts';
import { offsetSeries } from './offsets.ts';
import { SHIVIZ_REGEX, shivizHost, toShiviz } from './shiviz.ts';
import { happenedBefore, vectorClocks } from './vector-clocks.ts';

/**
 * What ShiViz's "Choose file" does with a file (DistributedClocks/shiviz, js/shiviz.js, the
 * #file change handler): the first line, wrapped in ^…$, becomes the parser regex (used with
 * the "m" flag by its LogParser); a non-blank second line the delimiter; the rest is the log.
 */
function shivizUpload(text: string): { parser: string; delimiter: string; log: string } {
  const lines = text.split('\n', 2);
  const first = lines[0] ?? '';
  const second = lines[1] ?? '';
  const startOfLog = text.indexOf('\n', text.indexOf('\n') + 1);
  return {
    parser: first.trim() ? `^${first}$` : '(?<event>.*)\\n(?<host>\\S*) (?<clock>{.*})',
    delimiter: second.trim() ? `^${second.trim()}$` : '',
    log: text.substr(startOfLog + 1).trim(),
  };
}

const preset = (id: string) => presets.find((p) => p.id === id)!;
const names = (id: string) => {
  const m = new Map(preset(id).nodes.map((n) => [n.id, n.name]));
  return (n: number) => m.get(n) ?? `P${n}`;
};

describe('election metrics', () => {
  it('bully-10: one episode, started by 5, won by 9, 15/10/8 as predicted', () => {
    const { events } = simulateInline(preset('bully-10'), 1);
    const episodes = electionEpisodes(events);
    expect(episodes).toHaveLength(1);
    const [e] = episodes;
    expect(e?.initiators[0]).toBe(5);
    expect(e?.winners).toEqual([9]);
    expect(e?.sent).toEqual(predictedBully(10, 5, 9));
    expect(predictedBully(10, 5, 9)).toEqual({ ELECTION: 15, OK: 10, COORDINATOR: 8 });
  });

  it('ring-8: one episode with 8 ELECTION and 8 COORDINATOR, ACKs apart', () => {
    const { events } = simulateInline(preset('ring-8'), 2);
    const [e] = electionEpisodes(events);
    expect(e?.initiators).toEqual([5]);
    expect({ ELECTION: e?.sent['ELECTION'], COORDINATOR: e?.sent['COORDINATOR'] }).toEqual(predictedRing(8));
    expect(e?.sent['ACK']).toBe(14);
  });

  it('separates two elections with a quiet gap between them', () => {
    const { events } = simulateInline(preset('bully-10'), 3, {
      actions: [
        { at: 3000, type: 'crash', node: 9 },
        { at: 3500, type: 'notice', node: 2 },
      ],
      until: 7000,
    });
    const episodes = electionEpisodes(events);
    expect(episodes.map((e) => e.winners)).toEqual([[9], [8]]);
    expect(episodes[1]?.sent).toEqual(predictedBully(10, 2, 8));
  });
});

describe('vector clocks and ShiViz export', () => {
  it('orders every delivery after its send, and ticks each host by one per event', () => {
    const { events } = simulateInline(preset('ring-8'), 4);
    const stamped = vectorClocks(events);
    const sends = new Map<number, (typeof stamped)[number]>();
    for (const s of stamped) {
      if (s.event.type === 'send') sends.set(s.event.msgId, s);
      if (s.event.type === 'deliver') {
        const send = sends.get(s.event.msgId);
        expect(send && happenedBefore(send.clock, s.clock)).toBe(true);
      }
    }
  });

  it("writes a file that ShiViz's upload reads, with its own regex, into consistent vector clocks", () => {
    const nameOf = names('cristian-manipal-buddy');
    const { events } = simulateInline(preset('cristian-manipal-buddy'), 1, { until: 12_000 });
    const file = toShiviz(events, nameOf);
    const upload = shivizUpload(file);
    expect(upload.parser).toBe(`^${SHIVIZ_REGEX}$`);
    expect(upload.delimiter).toBe('');
    const parsed = [...upload.log.matchAll(new RegExp(upload.parser, 'gm'))].map((m) => ({
      host: m.groups?.['host'] ?? '',
      clock: JSON.parse(m.groups?.['clock'] ?? '{}') as Record<string, number>,
    }));
    expect(parsed.length).toBe(vectorClocks(events).length);
    expect(new Set(parsed.map((p) => p.host))).toEqual(new Set(['Time_server_:8011', 'MOBILE', 'LAPTOP']));
    const last = new Map<string, number>();
    for (const p of parsed) {
      expect(p.clock[p.host]).toBe((last.get(p.host) ?? 0) + 1);
      last.set(p.host, p.clock[p.host] as number);
      for (const [host, count] of Object.entries(p.clock)) if (host !== p.host) expect(count).toBeLessThanOrEqual(last.get(host) ?? 0);
    }
    expect(shivizHost('Server :8011')).toBe('Server_:8011');
  });
});

describe('offset series', () => {
  it('shows every Cristian step as a jump and ends at the clock the simulation ends with', () => {
    const run = simulateInline(preset('cristian-basic'), 1);
    const series = offsetSeries(run.events, run.sim.now, 500);
    const client = series.get(2)!;
    const adjusts = run.events.filter((e) => e.type === 'adjust' && e.node === 2);
    expect(adjusts.length).toBeGreaterThan(3);
    for (const a of adjusts) {
      const i = client.findIndex((p) => p.t === a.t);
      expect(client[i + 1]!.offsetMs - client[i]!.offsetMs).toBeCloseTo(a.type === 'adjust' ? a.deltaMs : 0, 6);
    }
    const end = client.at(-1)!;
    const node = run.sim.node(2)!;
    expect(end.t).toBe(run.sim.now);
    expect(end.offsetMs).toBeCloseTo(run.sim.localTimeOf(2) - run.sim.now, 6);
    expect(node.alive).toBe(true);
  });
});
