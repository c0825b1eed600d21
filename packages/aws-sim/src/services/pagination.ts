import { AwsServiceError } from '../errors.js';

interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/**
 * Offset pagination with opaque tokens. `cap` lets a scenario force pages smaller than the client asked for,
 * which AWS is allowed to do too, so clients must follow `nextToken` rather than count results.
 */
const paginate = <T>(items: readonly T[], maxResults: number, nextToken: string | undefined, cap = Infinity): Page<T> => {
  let offset = 0;
  if (nextToken !== undefined) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (decoded === null || Number(decoded[1]) > items.length) {
      throw new AwsServiceError('InvalidNextTokenException', 'The next token was specified in an invalid format. Make sure that the next token you provide is the token returned by a previous call.');
    }
    offset = Number(decoded[1]);
  }
  const end = Math.min(items.length, offset + Math.min(maxResults, cap));
  return {
    items: items.slice(offset, end),
    ...(end < items.length ? { nextToken: Buffer.from(`o${end}`, 'utf8').toString('base64url') } : {}),
  };
};

export { paginate };
