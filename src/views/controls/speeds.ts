// The speeds the page offers (the speed select and the URL's `speed=`): the teaching pace,
// 0.01× to 100×, and as fast as the host allows.

import { MAX_SPEED, MIN_SPEED, type Speed } from '../../hosts/live.ts';

export const SPEEDS: readonly Speed[] = ['teach', MIN_SPEED, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, MAX_SPEED, 'max'];

export const speedLabel = (s: Speed): string => (s === 'max' ? 'max' : s === 'teach' ? 'teach' : `${s}×`);

/** The speed a select's value names. */
export const speedOf = (value: string): Speed => (value === 'max' || value === 'teach' ? value : Number(value));
