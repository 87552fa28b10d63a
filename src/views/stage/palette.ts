// Colours and shapes. Colours come from the Okabe–Ito palette, which stays distinct for the
// common forms of colour blindness; every role also has its own shape and a text label, so
// colour is never the only cue.

import { type SymbolType, symbolCircle, symbolSquare, symbolTriangle } from 'd3-shape';
import type { NodeRole } from '../../store/trace-view.ts';

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  grey: '#999999',
} as const;

export type RoleFamily = 'leader' | 'candidate' | 'member' | 'idle' | 'crashed';

export function roleFamily(role: NodeRole): RoleFamily {
  switch (role) {
    case 'coordinator':
    case 'master':
    case 'server':
      return 'leader';
    case 'candidate':
      return 'candidate';
    case 'follower':
    case 'slave':
    case 'client':
      return 'member';
    case 'idle':
      return 'idle';
    case 'none':
      return 'crashed';
  }
}

export const familyShape: Record<RoleFamily, SymbolType> = {
  leader: symbolSquare,
  candidate: symbolTriangle,
  member: symbolCircle,
  idle: symbolCircle,
  crashed: symbolCircle,
};

/** Message kinds the algorithms send, each with a fixed colour; a new kind takes the next spare one. */
const KIND_COLOURS: Record<string, string> = {
  ELECTION: OKABE_ITO.orange,
  OK: OKABE_ITO.green,
  COORDINATOR: OKABE_ITO.vermillion,
  ELECTED: OKABE_ITO.vermillion,
  ACK: OKABE_ITO.grey,
  HEARTBEAT: OKABE_ITO.purple,
  REQUEST: OKABE_ITO.skyBlue,
  REPLY: OKABE_ITO.blue,
  POLL: OKABE_ITO.skyBlue,
  TIME: OKABE_ITO.blue,
  ADJUST: OKABE_ITO.orange,
};
const SPARE = [OKABE_ITO.yellow, OKABE_ITO.purple, OKABE_ITO.green, OKABE_ITO.skyBlue];

export function kindColour(kind: string): string {
  const known = KIND_COLOURS[kind];
  if (known) return known;
  let h = 0;
  for (let i = 0; i < kind.length; i++) h = (h * 31 + kind.charCodeAt(i)) >>> 0;
  return SPARE[h % SPARE.length] as string;
}

/** A one- or two-letter mark drawn on a message so its kind reads without colour. */
export function kindMark(kind: string): string {
  if (kind === 'COORDINATOR') return 'C';
  if (kind === 'ELECTED') return 'W';
  if (kind === 'HEARTBEAT') return '♥';
  return kind.charAt(0);
}
