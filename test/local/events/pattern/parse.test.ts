import { describe, expect, it } from 'vitest';
import {
  compileEventPattern,
  InvalidPatternError,
} from '../../../../local/events/pattern/index.ts';
import { MAX_OR_COMBINATIONS } from '../../../../local/events/pattern/parse.ts';
import { MAX_WILDCARDS } from '../../../../local/events/pattern/wildcard.ts';

const manyOrBranches = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ [`f${i}`]: ['x'] }));

const invalidPatterns: [string, string, RegExp][] = [
  ['not JSON', '{"source": [', /not valid JSON/],
  ['not an object', '["aws.ec2"]', /Filter is not an object/],
  ['empty object', '{}', /Empty objects/],
  ['bare scalar value', '{"source": "aws.ec2"}', /"source" must be an object or an array/],
  ['empty value array', '{"source": []}', /Empty arrays/],
  ['nested array value', '{"source": [["a"]]}', /not an array/],
  ['unknown operator', '{"source": [{"contains": "x"}]}', /Unrecognized match type contains/],
  [
    'two operators in one object',
    '{"a": [{"prefix": "x", "suffix": "y"}]}',
    /exactly one match type/,
  ],
  [
    'prefix not a string',
    '{"a": [{"prefix": 5}]}',
    /prefix match pattern for "a" must be a string/,
  ],
  [
    'prefix with unknown nested key',
    '{"a": [{"prefix": {"ignore-case": "x"}}]}',
    /equals-ignore-case/,
  ],
  ['suffix not a string', '{"a": [{"suffix": ["x"]}]}', /suffix match pattern/],
  [
    'equals-ignore-case not a string',
    '{"a": [{"equals-ignore-case": 1}]}',
    /equals-ignore-case match pattern/,
  ],
  ['exists not boolean', '{"a": [{"exists": "true"}]}', /must be true or false/],
  ['numeric not an array', '{"a": [{"numeric": 5}]}', /numeric match pattern/],
  [
    'numeric unknown operator',
    '{"a": [{"numeric": ["!=", 5]}]}',
    /Unrecognized numeric range operator/,
  ],
  ['numeric non-number bound', '{"a": [{"numeric": [">", "5"]}]}', /must be a number/],
  [
    'numeric inverted range',
    '{"a": [{"numeric": [">", 10, "<", 5]}]}',
    /Bottom must be less than top/,
  ],
  ['numeric two lower bounds', '{"a": [{"numeric": [">", 1, ">", 5]}]}', /lower bound first/],
  [
    'anything-but mixed list',
    '{"a": [{"anything-but": ["x", 1]}]}',
    /only strings or only numbers/,
  ],
  ['anything-but boolean', '{"a": [{"anything-but": true}]}', /anything-but match pattern/],
  ['anything-but empty list', '{"a": [{"anything-but": []}]}', /anything-but match pattern/],
  [
    'anything-but unknown operator',
    '{"a": [{"anything-but": {"numeric": [">", 1]}}]}',
    /Unsupported anything-but/,
  ],
  [
    'anything-but prefix not string',
    '{"a": [{"anything-but": {"prefix": 1}}]}',
    /anything-but prefix/,
  ],
  ['cidr malformed', '{"a": [{"cidr": "10.0.0.0/33"}]}', /cidr match pattern/],
  ['cidr not an address', '{"a": [{"cidr": "ten/8"}]}', /cidr match pattern/],
  ['wildcard consecutive stars', '{"a": [{"wildcard": "a**b"}]}', /Consecutive wildcard/],
  ['wildcard bad escape', '{"a": [{"wildcard": "a\\\\nb"}]}', /Invalid escape character/],
  [
    'wildcard too complex',
    JSON.stringify({ a: [{ wildcard: 'x*'.repeat(MAX_WILDCARDS + 1) }] }),
    /too complex/,
  ],
  ['$or with one branch', '{"$or": [{"a": ["x"]}]}', /at least 2 branches/],
  [
    '$or branch invalid',
    '{"$or": [{"a": ["x"]}, {"b": "y"}]}',
    /"b" must be an object or an array/,
  ],
  [
    '$or expanding past the limit',
    JSON.stringify({ $or: manyOrBranches(40), x: { $or: manyOrBranches(30) } }),
    new RegExp(`at most ${MAX_OR_COMBINATIONS}`),
  ],
];

describe('compileEventPattern', () => {
  it.each(invalidPatterns)('rejects %s', (_name, source, reason) => {
    let caught: unknown;
    try {
      compileEventPattern(source);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InvalidPatternError);
    expect((caught as Error).message).toMatch(/^Event pattern is not valid\. Reason: /);
    expect((caught as Error).message).toMatch(reason);
  });

  it('accepts every documented operator form', () => {
    const pattern = {
      a: ['x', 1, true, null, { prefix: 'p' }, { suffix: { 'equals-ignore-case': 's' } }],
      b: [
        { 'anything-but': { 'equals-ignore-case': 'x' } },
        { 'anything-but': { wildcard: ['*a', 'b*'] } },
      ],
      c: [
        { numeric: ['=', 5] },
        { cidr: '2001:db8::/32' },
        { exists: false },
        { wildcard: '\\**' },
      ],
      $or: [{ d: ['1'] }, { e: { f: ['2'] } }],
    };
    expect(() => compileEventPattern(JSON.stringify(pattern))).not.toThrow();
  });

  it('treats $or whose value is not a list of objects as an ordinary field', () => {
    expect(() => compileEventPattern('{"$or": ["a", "b"]}')).not.toThrow();
  });
});
