/**
 * dynalite parses expressions with PEG parsers that cost 50-250 µs each on this project's
 * 2-core CI box, the largest share of a small transaction. Transactions repeat the same few
 * expressions with the same few values (`stock >= :qty` with qty 1..5), so the parse of each
 * distinct (operation, expressions, names, values) is kept and reused; the rest of the request
 * (Key, Item, TableName) is still validated by dynalite every time.
 */
import {
  type DynaliteStore,
  type SingleItemOperation,
  type ValidatedRequest,
  validateForOperation,
} from './dynalite.ts';

const EXPRESSION_MEMBERS = [
  'UpdateExpression',
  'ConditionExpression',
  'ProjectionExpression',
  'ExpressionAttributeNames',
  'ExpressionAttributeValues',
];
/** Where dynalite's validations leave the parsed expressions. */
const PARSED_MEMBERS = ['_updates', '_condition', '_projection'];
const DEFAULT_MAX_ENTRIES = 1000;

export class ParsedExpressionCache {
  private readonly parsed = new Map<string, Record<string, unknown>>();

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  /**
   * dynalite's validation of one single-item request, reusing an earlier parse of the same
   * expressions. `body` must be a fresh object (dynalite edits it).
   */
  validate(
    operation: SingleItemOperation,
    body: Record<string, unknown>,
    store: DynaliteStore,
  ): ValidatedRequest {
    const expressions: Record<string, unknown> = {};
    const rest: Record<string, unknown> = {};
    for (const [member, value] of Object.entries(body)) {
      if (EXPRESSION_MEMBERS.includes(member)) expressions[member] = value;
      else rest[member] = value;
    }
    if (Object.keys(expressions).length === 0) return validateForOperation(operation, body, store);

    const cacheKey = `${operation}\u0000${JSON.stringify(expressions)}`;
    const cached = this.parsed.get(cacheKey);
    if (!cached) {
      const data = validateForOperation(operation, body, store);
      this.remember(cacheKey, data);
      return data;
    }
    const data = validateForOperation(operation, rest, store);
    // dynalite's UpdateItem writes resolved values into the parsed sections: each use gets a copy.
    return Object.assign(data, expressions, structuredClone(cached));
  }

  private remember(cacheKey: string, data: ValidatedRequest): void {
    const parsed: Record<string, unknown> = {};
    for (const member of PARSED_MEMBERS) {
      if (data[member] !== undefined) parsed[member] = data[member];
    }
    if (this.parsed.size >= this.maxEntries) {
      const oldest = this.parsed.keys().next().value;
      if (oldest !== undefined) this.parsed.delete(oldest);
    }
    this.parsed.set(cacheKey, structuredClone(parsed));
  }
}
