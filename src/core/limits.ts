// The ranges every value from outside must fall in: the same for the page's fields, the URL,
// the CLI and imported trace files, so a run one of them can make is one the others accept,
// and nothing else is. Each limit says why it is where it is.

/** A day of simulated time: far more than any lab question needs, and the CLI's longest run. */
export const MAX_RUN_MS = 24 * 60 * 60 * 1000;
/** Drift beyond ±50% stops being a clock and starts being a bug. */
export const MAX_DRIFT_PPM = 500_000;
/** A clock set a day away from true time is as wrong as any lesson needs. */
export const MAX_OFFSET_MS = 24 * 60 * 60 * 1000;
/**
 * Any local clock reading or adjustment: a clock a day off, running 50% fast for a day, still
 * reads within ±2.5 days; ten days leaves room for steps and slews on top.
 */
export const MAX_LOCAL_MS = 10 * 24 * 60 * 60 * 1000;
/** The network and link panels' limit for latency and jitter (10 s is a satellite hop many times over). */
export const MAX_LINK_MS = 10_000;
/** Node ids have at most six digits (the CLI reads them as such); headless runs go to 10,000 nodes. */
export const MAX_NODE_ID = 999_999;
export const MAX_NODES = 10_000;
/** Node names are labels on a stage: MOBILE, TAPMI, P64. */
export const MAX_NAME_LENGTH = 64;
/** Message kinds, roles, note topics and timer keys are identifiers. */
export const MAX_KEY_LENGTH = 64;
/** A note's sentence, a fault's error. */
export const MAX_TEXT_LENGTH = 2_000;
/** Messages and note data are small JSON: this deep, this many values, strings this long. */
export const MAX_JSON_DEPTH = 8;
export const MAX_JSON_VALUES = 20_000;
export const MAX_JSON_STRING = 2_000;
/** Seeds are unsigned 32-bit integers: that is all the random streams take. */
export const MAX_SEED = 0xffff_ffff;
/** More user actions than this is a script, not a what-if. */
export const MAX_ACTIONS = 1000;

/**
 * Imported trace files: larger ones are refused before they are read. A 24-hour run of the
 * largest preset is about 130 MB; the page holds a trace of this size in about 0.5 GB.
 */
export const MAX_TRACE_BYTES = 128 * 1024 * 1024;
export const MAX_TRACE_EVENTS = 1_000_000;
/** One event of a trace file, as text: a ring election carrying 10,000 ids fits. */
export const MAX_EVENT_CHARS = 256 * 1024;
