/**
 * Pattern cases per operator, taken from the examples on the EventBridge user guide's
 * content-filtering page (docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html)
 * and the event-ruler README, each with events that match and events that do not.
 */
import { describe, expect, it } from 'vitest';
import {
  compileEventPattern,
  type JsonObject,
  matchesPattern,
} from '../../../../local/events/pattern/index.ts';

interface Case {
  name: string;
  pattern: unknown;
  matches: JsonObject[];
  misses: JsonObject[];
}

const ec2Event: JsonObject = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const detail = (fields: JsonObject): JsonObject => ({ ...ec2Event, detail: fields });

const cases: Case[] = [
  {
    name: 'exact: source and nested detail field',
    pattern: { source: ['aws.ec2'], detail: { state: ['terminated', 'stopped'] } },
    matches: [ec2Event, detail({ state: 'stopped' })],
    misses: [
      detail({ state: 'running' }),
      { ...ec2Event, source: 'aws.s3' },
      detail({ state: 'Terminated' }),
    ],
  },
  {
    name: 'exact: JSON-typed (true, 2, null are not strings)',
    pattern: { detail: { flag: [true], count: [2], gone: [null] } },
    matches: [
      detail({ flag: true, count: 2, gone: null }),
      detail({ flag: true, count: 2.0, gone: null }),
    ],
    misses: [
      detail({ flag: 'true', count: 2, gone: null }),
      detail({ flag: true, count: '2', gone: null }),
      detail({ flag: true, count: 2, gone: '' }),
      detail({ flag: true, count: 2, gone: 'null' }),
      detail({ flag: true, count: 2 }),
    ],
  },
  {
    name: 'exact: empty string',
    pattern: { detail: { eventVersion: [''] } },
    matches: [detail({ eventVersion: '' })],
    misses: [detail({ eventVersion: null }), detail({})],
  },
  {
    name: 'arrays in the event: any element matches',
    pattern: {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0',
      ],
    },
    matches: [
      ec2Event,
      { ...ec2Event, resources: ['x', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] },
    ],
    misses: [
      { ...ec2Event, resources: ['x', 'y'] },
      { ...ec2Event, resources: [] },
    ],
  },
  {
    name: 'prefix',
    pattern: { time: [{ prefix: '2017-10-02' }] },
    matches: [{ ...ec2Event, time: '2017-10-02T18:43:48Z' }],
    misses: [ec2Event, { ...ec2Event, time: 20171002 }],
  },
  {
    name: 'prefix with equals-ignore-case',
    pattern: { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
    matches: [
      detail({ service: 'EventBridge' }),
      detail({ service: 'EVENTBRIDGE' }),
      detail({ service: 'eventb' }),
    ],
    misses: [detail({ service: 'Event Bridge' }), detail({ service: 'SQS' })],
  },
  {
    name: 'suffix',
    pattern: { FileName: [{ suffix: '.png' }] },
    matches: [{ FileName: 'image.png' }],
    misses: [{ FileName: 'image.PNG' }, { FileName: 'image.png.txt' }],
  },
  {
    name: 'suffix with equals-ignore-case',
    pattern: { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
    matches: [
      detail({ FileName: 'a.png' }),
      detail({ FileName: 'a.PNG' }),
      detail({ FileName: 'a.Png' }),
    ],
    misses: [detail({ FileName: 'a.jpg' })],
  },
  {
    name: 'equals-ignore-case',
    pattern: {
      'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }],
    },
    matches: [ec2Event, { ...ec2Event, 'detail-type': 'EC2 INSTANCE STATE-CHANGE NOTIFICATION' }],
    misses: [{ ...ec2Event, 'detail-type': 'EC2 Instance State-change' }],
  },
  {
    name: 'anything-but: string',
    pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } },
    matches: [detail({ state: 'running' }), detail({ state: 5 }), detail({ state: null })],
    misses: [detail({ state: 'initializing' }), detail({})],
  },
  {
    name: 'anything-but: number',
    pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
    matches: [detail({ 'x-limit': 456 }), detail({ 'x-limit': '123' })],
    misses: [detail({ 'x-limit': 123 }), detail({})],
  },
  {
    name: 'anything-but: list of strings',
    pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    matches: [detail({ state: 'running' })],
    misses: [detail({ state: 'stopped' }), detail({ state: 'overloaded' })],
  },
  {
    name: 'anything-but: list of numbers',
    pattern: { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    matches: [detail({ 'x-limit': 150 })],
    misses: [detail({ 'x-limit': 200 })],
  },
  {
    name: 'anything-but: prefix',
    pattern: { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    matches: [detail({ state: 'running' })],
    misses: [detail({ state: 'initializing' }), detail({})],
  },
  {
    name: 'anything-but: suffix',
    pattern: { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } },
    matches: [detail({ FileName: 'a.png' })],
    misses: [detail({ FileName: 'notes.txt' })],
  },
  {
    name: 'anything-but: equals-ignore-case list',
    pattern: {
      detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] },
    },
    matches: [detail({ state: 'running' })],
    misses: [detail({ state: 'STOPPED' }), detail({ state: 'overloaded' })],
  },
  {
    name: 'anything-but: wildcard',
    pattern: { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
    matches: [detail({ FilePath: '/usr/bin/app' })],
    misses: [detail({ FilePath: '/usr/lib/libc.so' })],
  },
  {
    name: 'anything-but: wildcard list',
    pattern: { detail: { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] } },
    matches: [detail({ FilePath: '/home/me/notes' })],
    misses: [detail({ FilePath: '/usr/bin/app' }), detail({ FilePath: '/usr/lib/x' })],
  },
  {
    name: 'numeric: ranges and equality (docs example)',
    pattern: {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    },
    matches: [detail({ 'c-count': 5, 'd-count': 7, 'x-limit': 301.8 })],
    misses: [
      detail({ 'c-count': 0, 'd-count': 7, 'x-limit': 301.8 }),
      detail({ 'c-count': 6, 'd-count': 7, 'x-limit': 301.8 }),
      detail({ 'c-count': 5, 'd-count': 10, 'x-limit': 301.8 }),
      detail({ 'c-count': 5, 'd-count': 7, 'x-limit': 301.9 }),
      detail({ 'c-count': '5', 'd-count': 7, 'x-limit': 301.8 }),
    ],
  },
  {
    name: 'numeric: >= and < bounds',
    pattern: { detail: { price: [{ numeric: ['>=', 10, '<', 20] }] } },
    matches: [detail({ price: 10 }), detail({ price: 19.99 }), detail({ price: [1, 15] })],
    misses: [detail({ price: 9.99 }), detail({ price: 20 })],
  },
  {
    name: 'cidr: IPv4',
    pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
    matches: [detail({ sourceIPAddress: '10.0.0.255' }), detail({ sourceIPAddress: '10.0.0.0' })],
    misses: [
      detail({ sourceIPAddress: '10.0.1.0' }),
      detail({ sourceIPAddress: 'not-an-ip' }),
      detail({ sourceIPAddress: '::1' }),
    ],
  },
  {
    name: 'cidr: IPv6',
    pattern: { detail: { sourceIPAddress: [{ cidr: 'bc52:0ded:0:0:0:0:0:0/64' }] } },
    matches: [
      detail({ sourceIPAddress: 'bc52:ded::1' }),
      detail({ sourceIPAddress: 'BC52:0DED:0:0:FFFF:1:2:3' }),
    ],
    misses: [detail({ sourceIPAddress: 'bc52:dee::1' }), detail({ sourceIPAddress: '10.0.0.1' })],
  },
  {
    name: 'exists: true (null counts as present)',
    pattern: { detail: { state: [{ exists: true }] } },
    matches: [detail({ state: 'x' }), detail({ state: null }), detail({ state: ['a'] })],
    misses: [detail({}), detail({ state: { nested: 1 } }), detail({ state: [] })],
  },
  {
    name: 'exists: false, also when a parent is missing',
    pattern: { detail: { 'c-count': [{ exists: false }] } },
    matches: [detail({ other: 1 }), { source: 'x' }],
    misses: [detail({ 'c-count': 3 }), detail({ 'c-count': null })],
  },
  {
    name: 'wildcard: star spans slashes',
    pattern: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
    matches: [
      { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' },
      { EventBusArn: 'arn:aws:events:us-east-1::event-bus/a/b' },
    ],
    misses: [{ EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/default' }],
  },
  {
    name: 'wildcard: path with two stars',
    pattern: { detail: { FilePath: [{ wildcard: '/Users/*/dir/dir/*.png' }] } },
    matches: [
      detail({ FilePath: '/Users/me/dir/dir/a.png' }),
      detail({ FilePath: '/Users/me/x/dir/dir/.png' }),
    ],
    misses: [
      detail({ FilePath: '/Users/me/dir/a.png' }),
      detail({ FilePath: '/Users/me/dir/dir/a.jpg' }),
    ],
  },
  {
    name: 'wildcard: escaped star and backslash are literal',
    pattern: { detail: { name: [{ wildcard: 'a\\*b\\\\c*' }] } },
    matches: [detail({ name: 'a*b\\c' }), detail({ name: 'a*b\\cde' })],
    misses: [detail({ name: 'axb\\c' }), detail({ name: 'a*bc' })],
  },
  {
    name: '$or across fields (docs example)',
    pattern: {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    },
    matches: [detail({ 'c-count': 1 }), detail({ 'd-count': 3 }), detail({ 'x-limit': 301.8 })],
    misses: [detail({ 'c-count': 9, 'd-count': 11 }), detail({})],
  },
  {
    name: '$or ANDed with sibling fields at the top level',
    pattern: {
      source: ['aws.ec2'],
      $or: [
        { 'detail-type': ['EC2 Instance State-change Notification'] },
        { detail: { state: ['running'] } },
      ],
    },
    matches: [ec2Event, { ...ec2Event, 'detail-type': 'other', detail: { state: 'running' } }],
    misses: [
      { ...ec2Event, source: 'aws.s3' },
      { ...ec2Event, 'detail-type': 'other' },
    ],
  },
  {
    name: 'nested objects: every level must exist',
    pattern: { detail: { order: { customer: { tier: ['gold'] } } } },
    matches: [detail({ order: { customer: { tier: 'gold', name: 'x' } } })],
    misses: [
      detail({ order: { customer: { tier: 'silver' } } }),
      detail({ order: 'gold' }),
      detail({}),
    ],
  },
  {
    name: 'arrays of objects: one element must satisfy the whole sub-pattern',
    pattern: { detail: { items: { sku: ['A'], qty: [{ numeric: ['>', 1] }] } } },
    matches: [
      detail({
        items: [
          { sku: 'B', qty: 9 },
          { sku: 'A', qty: 2 },
        ],
      }),
    ],
    misses: [
      detail({
        items: [
          { sku: 'A', qty: 1 },
          { sku: 'B', qty: 5 },
        ],
      }),
      detail({ items: [] }),
    ],
  },
  {
    name: 'several operators in one value array are ORed',
    pattern: { detail: { state: ['pending', { prefix: 'run' }, { numeric: ['=', 0] }] } },
    matches: [detail({ state: 'pending' }), detail({ state: 'running' }), detail({ state: 0 })],
    misses: [detail({ state: 'stopped' }), detail({ state: 1 })],
  },
];

describe('matchesPattern', () => {
  describe.each(cases)('$name', ({ pattern, matches, misses }) => {
    const compiled = compileEventPattern(JSON.stringify(pattern));

    it.each(matches.map((event) => [JSON.stringify(event), event]))(
      'matches %s',
      (_label, event) => {
        expect(matchesPattern(compiled, event)).toBe(true);
      },
    );

    it.each(misses.map((event) => [JSON.stringify(event), event]))(
      'does not match %s',
      (_label, event) => {
        expect(matchesPattern(compiled, event)).toBe(false);
      },
    );
  });

  it('ignores event fields the pattern does not name', () => {
    const compiled = compileEventPattern('{"source":["aws.ec2"]}');
    expect(matchesPattern(compiled, { ...ec2Event, extra: { deep: [1, 2] } })).toBe(true);
  });

  it('lets the last of duplicate keys win, as JSON parsing does', () => {
    const compiled = compileEventPattern('{"source":["a"],"source":["b"]}');
    expect(matchesPattern(compiled, { source: 'b' })).toBe(true);
    expect(matchesPattern(compiled, { source: 'a' })).toBe(false);
  });
});
