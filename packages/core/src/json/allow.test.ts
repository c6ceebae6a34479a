import { Allow as reference } from 'partial-json';
import { describe, expect, it } from 'vitest';
import { Allow } from './allow.ts';

describe('Allow', () => {
  it("has partial-json's flags with the same values", () => {
    expect({ ...Allow }).toEqual({ ...reference });
  });

  it('is frozen', () => {
    expect(Object.isFrozen(Allow)).toBe(true);
  });
});
