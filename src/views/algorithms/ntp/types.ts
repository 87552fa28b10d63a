// NTP's round and sync types, read off the registry's definition (the core's one public entry
// exports the registry, not each algorithm's folder).

import type { algorithms } from '../../../core/index.ts';

type NtpDefinition = Extract<(typeof algorithms)[number], { id: 'ntp' }>;
export type NtpRound = NtpDefinition['round']['initial'];
export type NtpSync = NtpRound['history'][number];
