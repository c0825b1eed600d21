// CIDR arithmetic for IPv4 and IPv6: Terraform's cidrhost()/cidrsubnet() and the union of security group sources.

interface Cidr {
  readonly family: 4 | 6;
  /** First address of the block (host bits cleared, as Go's net.ParseCIDR and Terraform do). */
  readonly network: bigint;
  readonly prefix: number;
}

const FAMILY_BITS = { 4: 32, 6: 128 } as const;

const parseIpv4 = (text: string): bigint | undefined => {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)) return undefined;
  return parts.reduce((address, part) => (address << 8n) | BigInt(part), 0n);
};

const parseIpv6 = (text: string): bigint | undefined => {
  if (!/^[0-9a-fA-F:]+$/.test(text) || text.split('::').length > 2) return undefined;
  const [head = '', tail] = text.split('::');
  const groups = (side: string) => (side === '' ? [] : side.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const missing = 8 - left.length - right.length;
  if ((tail === undefined && missing !== 0) || missing < 0) return undefined;
  const all = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (!all.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  return all.reduce((address, group) => (address << 16n) | BigInt(`0x${group}`), 0n);
};

/** Parses `a.b.c.d/n` or an IPv6 `x::y/n`; undefined when it is not a CIDR block Terraform would accept. */
const parseCidr = (text: string): Cidr | undefined => {
  const [address = '', prefixText, extra] = text.split('/');
  if (prefixText === undefined || extra !== undefined || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const family = address.includes(':') ? 6 : 4;
  const value = family === 4 ? parseIpv4(address) : parseIpv6(address);
  const prefix = Number(prefixText);
  if (value === undefined || prefix > FAMILY_BITS[family]) return undefined;
  const hostBits = BigInt(FAMILY_BITS[family] - prefix);
  return { family, network: (value >> hostBits) << hostBits, prefix };
};

const blockSize = (cidr: Cidr): bigint => {
  return 1n << BigInt(FAMILY_BITS[cidr.family] - cidr.prefix);
};

const formatAddress = (family: 4 | 6, address: bigint): string => {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 0xffn)).join('.');
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => ((address >> shift) & 0xffffn).toString(16));
  // RFC 5952: the longest run (first on ties) of two or more zero groups becomes `::`.
  let best = { start: -1, length: 1 };
  for (let start = 0; start < 8; start += 1) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === '0') length += 1;
    if (length > best.length) best = { start, length };
  }
  if (best.start === -1) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
};

/** Whether `inner` lies entirely inside `outer` (same family, at least as long a prefix, same leading bits). */
const contains = (outer: Cidr, inner: Cidr): boolean => {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  const shift = BigInt(FAMILY_BITS[outer.family] - outer.prefix);
  return inner.network >> shift === outer.network >> shift;
};

/** Whether the blocks together cover every address of the family (0.0.0.0/1 + 128.0.0.0/1 is the whole internet). */
const coversWholeFamily = (cidrs: readonly Cidr[], family: 4 | 6): boolean => {
  const ranges = cidrs
    .filter((cidr) => cidr.family === family)
    .map((cidr) => ({ start: cidr.network, end: cidr.network + blockSize(cidr) }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let reached = 0n;
  for (const range of ranges) {
    if (range.start > reached) return false;
    if (range.end > reached) reached = range.end;
  }
  return reached === 1n << BigInt(FAMILY_BITS[family]);
};

export { blockSize, contains, coversWholeFamily, formatAddress, parseCidr, FAMILY_BITS, type Cidr };
