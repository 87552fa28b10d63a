import { describe, expect, it } from 'vitest';
import { algorithmFor, algorithms } from '../../core/index.ts';
import { looksOf, OKABE_ITO } from '../stage/palette.ts';
import { viewsFor } from './registry.ts';
import { fallbackViews } from './shared/fallback.tsx';

describe("the page's algorithm views", () => {
  it('every registered algorithm has its own panels, found by its folder', () => {
    for (const a of algorithms) {
      const views = viewsFor(a.id);
      expect(views).not.toBe(fallbackViews);
      expect(views.id).toBe(a.id);
    }
  });

  it("an algorithm's message kinds differ in shape and in letter as well as in colour", () => {
    for (const a of algorithms) {
      const kinds = a.messageKinds;
      const { shape, mark, colour } = looksOf(a.id);
      expect(new Set(kinds.map(shape)).size, `${a.id}: ${kinds.map(shape).join(' ')}`).toBe(kinds.length);
      expect(new Set(kinds.map(mark)).size, `${a.id}: ${kinds.map(mark).join(' ')}`).toBe(kinds.length);
      expect(new Set(kinds.map(colour)).size, `${a.id}: ${kinds.map(colour).join(' ')}`).toBeGreaterThan(1);
    }
  });

  it("each algorithm's kinds look as its own folder says, whatever another algorithm calls a kind of the same name", () => {
    for (const a of algorithms) {
      const looks = looksOf(a.id);
      for (const [kind, look] of Object.entries(viewsFor(a.id).kinds)) {
        expect(looks.colour(kind), `${a.id} ${kind}`).toBe(look.colour);
        expect(looks.mark(kind), `${a.id} ${kind}`).toBe(look.mark ?? kind.charAt(0));
        if (look.shape) expect(looks.shape(kind), `${a.id} ${kind}`).toBe(look.shape);
      }
    }
    // Cristian's and NTP's REQUEST are triangles as their folders draw them (Ricart–Agrawala's, listed later, once took over every REQUEST).
    expect(looksOf('cristian').shape('REQUEST')).toBe('triangle');
    expect(looksOf('cristian').shape('REPLY')).toBe('circle');
    expect(looksOf('ntp').shape('REQUEST')).toBe('triangle');
    expect(looksOf('ricart-agrawala').shape('REQUEST')).toBe('circle');
    expect(looksOf('ricart-agrawala').shape('REPLY')).toBe('square');
  });

  it('the clock-sync and election algorithms keep the looks they had before the mutual exclusion algorithms', () => {
    const table = (id: string) =>
      Object.fromEntries(
        algorithmFor(id)!.messageKinds.map((k) => [k, [looksOf(id).colour(k), looksOf(id).mark(k), looksOf(id).shape(k)].join(' ')]),
      );
    const { skyBlue, blue, orange, green, vermillion, purple, grey } = OKABE_ITO;
    expect(table('cristian')).toEqual({ REQUEST: `${skyBlue} RQ triangle`, REPLY: `${blue} RP circle` });
    expect(table('berkeley')).toEqual({ POLL: `${skyBlue} P triangle`, TIME: `${blue} T circle`, ADJUST: `${orange} A diamond` });
    const elections = { ELECTION: `${orange} E triangle`, COORDINATOR: `${vermillion} C square`, HEARTBEAT: `${purple} ♥ diamond` };
    expect(table('bully')).toEqual({ ...elections, OK: `${green} O circle` });
    expect(table('ring')).toEqual({ ...elections, ELECTED: `${vermillion} W star`, ACK: `${grey} A circle` });
  });

  it('a kind the algorithm does not list, or any kind with no algorithm, takes a spare look by its name', () => {
    expect(looksOf('bully').colour('REQUEST')).toBe(looksOf(null).colour('REQUEST'));
    expect(looksOf(null).mark('GRANT')).toBe('G');
  });
});
