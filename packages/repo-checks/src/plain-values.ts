/** YAML mappings come back from the parser as plain objects; everything else is checked for before use. */
type PlainRecord = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is PlainRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const recordOrEmpty = (value: unknown): PlainRecord => (isRecord(value) ? value : {});

export { isRecord, recordOrEmpty };
export type { PlainRecord };
