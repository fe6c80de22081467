import { describe, expect, it } from '@jest/globals';
import { Decimal } from '@prisma/client/runtime/client';
import { DecimalScalar } from '../src/scalars.js';

describe('the Decimal scalar', () => {
  it('serializes database decimals in plain notation, whatever their size', () => {
    expect(DecimalScalar.serialize(new Decimal('0.00000010'))).toBe('0.0000001');
    expect(DecimalScalar.serialize(new Decimal('123456789012345678901234.5'))).toBe('123456789012345678901234.5');
    expect(DecimalScalar.serialize(new Decimal('12.5000'))).toBe('12.5');
    expect(DecimalScalar.serialize('3.50')).toBe('3.50');
  });
});
