import { describe, expect, it } from '@jest/globals';
import { contains, coversWholeFamily, parseCidr, type Cidr } from '../src/cidr.js';

const cidrs = (...texts: string[]): Cidr[] => {
  return texts.map((text) => {
    const cidr = parseCidr(text);
    if (!cidr) throw new Error(`fixture ${text} is not a CIDR`);
    return cidr;
  });
};

describe('CIDR blocks', () => {
  it.each([
    [['0.0.0.0/0'], 4, true],
    [['0.0.0.0/1', '128.0.0.0/1'], 4, true],
    [['0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/2'], 4, true],
    [['0.0.0.0/1', '128.0.0.0/2'], 4, false],
    [['10.0.0.0/9', '10.128.0.0/9'], 4, false],
    [['::/1', '8000::/1'], 6, true],
    [['0.0.0.0/0'], 6, false],
  ] as const)('%j covers every IPv%s address: %s', (texts, family, expected) => {
    // Prepare
    const blocks = cidrs(...texts);

    // Act
    const covered = coversWholeFamily(blocks, family);

    // Assess
    expect(covered).toBe(expected);
  });

  it('clears host bits as Terraform does, and tells whether one block lies inside another', () => {
    // Prepare
    const [range, inside, outside, wider] = cidrs('172.16.0.0/12', '172.31.255.7/32', '172.32.0.0/16', '172.0.0.0/8');

    // Act / Assess
    expect(parseCidr('10.1.2.3/8')).toEqual(parseCidr('10.0.0.0/8'));
    expect(range && inside && contains(range, inside)).toBe(true);
    expect(range && outside && contains(range, outside)).toBe(false);
    expect(range && wider && contains(range, wider)).toBe(false);
  });

  it.each(['10.0.0.0', '10.0.0.256/8', '10.0.0.0/33', 'fd00::/129', '1:2:3:4:5:6:7:8:9/64', 'a.b.c.d/8'])('rejects %s', (text) => {
    // Prepare / Act
    const cidr = parseCidr(text);

    // Assess
    expect(cidr).toBeUndefined();
  });
});
