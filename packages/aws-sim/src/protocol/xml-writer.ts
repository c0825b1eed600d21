const escapeXml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;');

/** Writes a value as AWS Query XML: lists as `<member>` elements, timestamps as ISO 8601, undefined omitted. */
const toXml = (name: string, value: unknown): string => {
  if (value === undefined || value === null) {
    return '';
  }
  if (value instanceof Date) {
    return `<${name}>${value.toISOString()}</${name}>`;
  }
  if (Array.isArray(value)) {
    return `<${name}>${value.map((item) => toXml('member', item)).join('')}</${name}>`;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return `<${name}>${escapeXml(String(value))}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value)
      .map(([key, item]) => toXml(key, item))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return '';
};

export { escapeXml, toXml };
