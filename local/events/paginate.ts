/** `Limit` / `NextToken` paging for the List* operations; the token is an opaque offset. */
import { validationError } from './validation.ts';

export function paginate<T>(
  items: T[],
  limit: unknown,
  nextToken: unknown,
): { page: T[]; nextToken?: string } {
  let start = 0;
  if (typeof nextToken === 'string' && nextToken.length > 0) {
    start = Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0)
      throw validationError('The NextToken provided is invalid.');
  }
  const size = typeof limit === 'number' && limit > 0 ? Math.min(limit, 100) : 100;
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return end < items.length
    ? { page, nextToken: Buffer.from(String(end)).toString('base64url') }
    : { page };
}
