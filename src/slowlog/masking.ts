/**
 * The fallback normalizer for statements PostgreSQL's own parser rejects (cut by truncation, or
 * not SQL at all). It is deliberately conservative: it only replaces what is certainly a value
 * (quoted strings, dollar-quoted bodies, numbers that are not part of a name) and folds whitespace,
 * so two statements share a group only when they differ in values alone.
 */
import { createHash } from 'node:crypto';

const VALUE_TOKENS =
  /(\$[A-Za-z_]*\$)[\s\S]*?\1|[Ee]?'(?:[^']|'')*'?|(?<![\w$.])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w$])|"(?:[^"]|"")*"|\$\d+/g;

export function maskLiterals(statement: string): string {
  let n = 0;
  const masked = statement.replace(VALUE_TOKENS, (token) => {
    // Quoted identifiers are names, not values; existing parameters keep their place.
    if (token.startsWith('"')) return token;
    n++;
    return `$${n}`;
  });

  return masked.replace(/\s+/g, ' ').trim();
}

/** A stable id for the masked text, marked so it cannot collide with a libpg_query fingerprint. */
export function maskedFingerprint(masked: string): string {
  return `masked-${createHash('sha256').update(masked).digest('hex').slice(0, 16)}`;
}
