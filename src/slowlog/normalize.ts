/**
 * Groups statements the way PostgreSQL itself would: libpg_query (the PostgreSQL parser compiled to
 * WebAssembly, npm `libpg-query`) fingerprints the parse tree, ignoring constants, parameter
 * numbers and formatting, and normalizes the text by replacing constants with `$n`. Statements it
 * cannot parse fall back to literal masking (see masking.ts).
 */
import { fingerprintSync, loadModule, normalizeSync, parseSync } from 'libpg-query';
import { maskedFingerprint, maskLiterals } from './masking.ts';

export interface NormalizedStatement {
  fingerprint: string;
  /** The statement with every constant replaced by `$n`: safe to show, no values in it. */
  normalized: string;
  normalizer: 'libpg-query' | 'masked';
}

/** Identical statement texts repeat constantly under load; the cap bounds memory on long logs. */
const CACHE_LIMIT = 10_000;

export class StatementNormalizer {
  private readonly cache = new Map<string, NormalizedStatement>();

  /** Loads the WebAssembly parser; call once before `normalize`. */
  static async create(): Promise<StatementNormalizer> {
    await loadModule();
    return new StatementNormalizer();
  }

  private constructor() {}

  normalize(statement: string): NormalizedStatement {
    const cached = this.cache.get(statement);
    if (cached) return cached;
    const result = normalizeWithParser(statement) ?? normalizeByMasking(statement);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(statement, result);
    return result;
  }
}

const FINGERPRINT = /^[0-9a-f]{16}$/;

function normalizeWithParser(statement: string): NormalizedStatement | undefined {
  try {
    // libpg-query 18.1's fingerprintSync/normalizeSync return some parser errors (e.g.
    // "unterminated quoted string ...") as if they were results; parseSync throws for all of them.
    parseSync(statement);
    const fingerprint = fingerprintSync(statement);
    if (!FINGERPRINT.test(fingerprint)) return undefined;
    const normalized = normalizeSync(statement).replace(/\s+/g, ' ').trim();
    return { fingerprint, normalized, normalizer: 'libpg-query' };
  } catch {
    return undefined;
  }
}

function normalizeByMasking(statement: string): NormalizedStatement {
  const normalized = maskLiterals(statement);
  return { fingerprint: maskedFingerprint(normalized), normalized, normalizer: 'masked' };
}
