/**
 * TransactWriteItems idempotency by `ClientRequestToken`: a token is remembered for 10 minutes
 * after the transaction that used it succeeded. Within that window the same request succeeds
 * again without being re-applied, a different request with the same token is refused, and a
 * retry that arrives while the first is still running is refused too.
 */
import { createHash } from 'node:crypto';
import { AwsError } from '../errors.ts';

export const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;
export const MAX_CLIENT_REQUEST_TOKEN_LENGTH = 36;
/**
 * The SDK gives every TransactWriteItems a fresh token, so a load test at 2,000/s would keep
 * 1.2 million tokens for the full window. Only the newest are kept: retries come within seconds.
 */
export const DEFAULT_MAX_REMEMBERED_TOKENS = 100_000;

interface TokenUse {
  fingerprint: string;
  /** undefined while the transaction runs. */
  completedAtMs?: number;
}

/**
 * A digest of the request as JSON with object keys sorted, so two serialisations of one request
 * compare equal while each remembered token costs a few dozen bytes.
 */
export function requestFingerprint(value: unknown): string {
  const canonical = JSON.stringify(value, (_key, member: unknown) => {
    if (typeof member !== 'object' || member === null || Array.isArray(member)) return member;
    const sorted: Record<string, unknown> = {};
    for (const name of Object.keys(member).sort()) {
      sorted[name] = (member as Record<string, unknown>)[name];
    }
    return sorted;
  });
  return createHash('sha256').update(canonical).digest('base64');
}

export function validateClientRequestToken(token: unknown): string | undefined {
  if (token === undefined || token === null) return undefined;
  const length = typeof token === 'string' ? token.length : 0;
  if (length < 1 || length > MAX_CLIENT_REQUEST_TOKEN_LENGTH) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${String(token)}' at 'clientRequestToken' failed to satisfy ` +
        `constraint: Member must have length between 1 and ${MAX_CLIENT_REQUEST_TOKEN_LENGTH}`,
    );
  }
  return token as string;
}

export class ClientRequestTokens {
  private readonly uses = new Map<string, TokenUse>();

  constructor(
    private readonly now: () => number,
    private readonly maxRemembered = DEFAULT_MAX_REMEMBERED_TOKENS,
  ) {}

  /**
   * Registers a transaction about to run. Returns `replay` when an identical one already
   * succeeded within the window (answer success, apply nothing), `run` otherwise.
   */
  begin(token: string, fingerprint: string): 'run' | 'replay' {
    this.forgetExpired();
    const use = this.uses.get(token);
    if (use && use.fingerprint !== fingerprint) {
      throw new AwsError(
        'IdempotentParameterMismatchException',
        'The request uses the same client token as a previous, but non-identical request. ' +
          'Use a new ClientRequestToken for a different request.',
      );
    }
    if (use && use.completedAtMs === undefined) {
      throw new AwsError(
        'TransactionInProgressException',
        'The transaction with the given request token is already in progress. Retry after it completes.',
      );
    }
    if (use) return 'replay';
    this.uses.set(token, { fingerprint });
    return 'run';
  }

  /** Remembers a success for the window; a failed transaction frees its token for a retry. */
  finish(token: string, succeeded: boolean): void {
    const use = this.uses.get(token);
    if (!use) return;
    if (!succeeded) {
      this.uses.delete(token);
      return;
    }
    // Re-inserting keeps the map ordered by completion time, which forgetExpired relies on.
    this.uses.delete(token);
    this.uses.set(token, { ...use, completedAtMs: this.now() });
  }

  /** Drops tokens past the window, and the oldest ones beyond `maxRemembered`. */
  private forgetExpired(): void {
    const oldestKeptMs = this.now() - IDEMPOTENCY_WINDOW_MS;
    for (const [token, use] of this.uses) {
      if (use.completedAtMs === undefined) continue;
      if (use.completedAtMs > oldestKeptMs && this.uses.size <= this.maxRemembered) return;
      this.uses.delete(token);
    }
  }
}
