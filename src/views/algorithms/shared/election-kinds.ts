// The elections' message kinds and how they look (Bully and Ring share them).

import { OKABE_ITO } from '../../stage/okabe-ito.ts';
import type { KindLook } from '../definition.ts';

export const ELECTION: KindLook = { colour: OKABE_ITO.orange, shape: 'triangle' };
export const COORDINATOR: KindLook = { colour: OKABE_ITO.vermillion, mark: 'C', shape: 'square' };
export const HEARTBEAT: KindLook = { colour: OKABE_ITO.purple, mark: '♥', shape: 'diamond' };
