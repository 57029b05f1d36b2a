import { describe, expect, it } from 'vitest';
import {
  ClientRequestTokens,
  IDEMPOTENCY_WINDOW_MS,
  requestFingerprint,
  validateClientRequestToken,
} from '../../../local/dynamodb/client-request-tokens.ts';

describe('ClientRequestTokens', () => {
  it('replays a succeeded request within 10 minutes and runs it again after', () => {
    let nowMs = 1_000_000;
    const tokens = new ClientRequestTokens(() => nowMs);
    expect(tokens.begin('t', 'request')).toBe('run');
    tokens.finish('t', true);

    nowMs += IDEMPOTENCY_WINDOW_MS - 1;
    expect(tokens.begin('t', 'request')).toBe('replay');

    nowMs += 2;
    expect(tokens.begin('t', 'request')).toBe('run');
  });

  it('refuses a different request with the same token, and a retry while the first runs', () => {
    const tokens = new ClientRequestTokens(() => 0);
    tokens.begin('t', 'first');

    expect(() => tokens.begin('t', 'first')).toThrow(
      expect.objectContaining({ code: 'TransactionInProgressException' }),
    );
    tokens.finish('t', true);
    expect(() => tokens.begin('t', 'second')).toThrow(
      expect.objectContaining({ code: 'IdempotentParameterMismatchException' }),
    );
  });

  it('frees the token of a failed transaction', () => {
    const tokens = new ClientRequestTokens(() => 0);
    tokens.begin('t', 'first');
    tokens.finish('t', false);

    expect(tokens.begin('t', 'second')).toBe('run');
  });

  it('keeps only the newest tokens beyond its limit', () => {
    const tokens = new ClientRequestTokens(() => 0, 2);
    for (const token of ['a', 'b', 'c']) {
      tokens.begin(token, 'request');
      tokens.finish(token, true);
    }

    expect(tokens.begin('a', 'request')).toBe('run');
    expect(tokens.begin('c', 'request')).toBe('replay');
  });

  it('fingerprints requests independently of key order', () => {
    expect(requestFingerprint({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(
      requestFingerprint({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }),
    );
  });

  it('accepts tokens of 1 to 36 characters', () => {
    expect(validateClientRequestToken(undefined)).toBeUndefined();
    expect(validateClientRequestToken('x'.repeat(36))).toBe('x'.repeat(36));
    expect(() => validateClientRequestToken('x'.repeat(37))).toThrow(/between 1 and 36/);
    expect(() => validateClientRequestToken('')).toThrow(/between 1 and 36/);
  });
});
