// Every lesson, gathered from the algorithm registry (each algorithm's folder holds its own
// lessons, ARCHITECTURE.md §7), in the lab's order Q1..Q6.

import { algorithms } from '../algorithms/registry.ts';
import type { Lesson } from './types.ts';

const order = (l: Lesson): number => Number(l.question.replace(/\D/g, '')) || Infinity;

export const allLessons: readonly Lesson[] = algorithms.flatMap((a) => a.lessons ?? []).sort((a, b) => order(a) - order(b));

export function lessonFor(preset: string): Lesson | undefined {
  return allLessons.find((l) => l.preset === preset);
}

export type { Lesson } from './types.ts';
