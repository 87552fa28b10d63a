// Seeded pseudo-random numbers. xoshiro128** (Blackman & Vigna): fast with 32-bit integer
// maths in JS, good statistical quality, and its whole state is four uint32s, so it is
// plain JSON that a checkpoint or a worker message can carry. Seeds are expanded with
// splitmix32 so that nearby seeds (1, 2, 3...) give unrelated streams. Independent streams
// (the network, each node incarnation) are derived by hashing (seed, label) together.

export type RngState = [number, number, number, number];

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Mixes a seed and a list of integer labels into one 32-bit stream seed. */
export function deriveSeed(seed: number, ...labels: number[]): number {
  let h = splitmix32(seed)();
  for (const label of labels) h = splitmix32((h ^ Math.imul(label + 0x632be5ab, 0x9e3779b1)) >>> 0)();
  return h >>> 0;
}

export function rngState(seed: number): RngState {
  const next = splitmix32(seed);
  const state: RngState = [next(), next(), next(), next()];
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1; // all-zero is a fixed point
  return state;
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** A mutable generator around an RngState; `state` can be read back for checkpoints. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(state: RngState) {
    [this.s0, this.s1, this.s2, this.s3] = state;
  }

  static fromSeed(seed: number, ...labels: number[]): Rng {
    return new Rng(rngState(labels.length ? deriveSeed(seed, ...labels) : seed));
  }

  get state(): RngState {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  /** Next uint32. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Standard normal by Box-Muller (two uniforms per draw, no cached spare: keeps state simple). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
