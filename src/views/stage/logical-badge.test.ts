import { describe, expect, it } from 'vitest';
import { vectorRows } from './LogicalBadge.tsx';

describe('a vector clock on the stage', () => {
  it('is broken into rows of five entries, aligned under the first', () => {
    expect(vectorRows('V=[1,0,2]')).toEqual(['V=[1,0,2]']);
    expect(vectorRows('V=[4,0,0,0,7,8,7,6,16,0]')).toEqual(['V=[4,0,0,0,7,', '   8,7,6,16,0]']);
    expect(vectorRows('V=[1,2,3,4,5,6]')).toEqual(['V=[1,2,3,4,5,', '   6]']);
    expect(vectorRows('L=4')).toEqual(['L=4']);
  });
});
