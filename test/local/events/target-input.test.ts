import { describe, expect, it } from 'vitest';
import { buildEnvelope, formatEventTime } from '../../../local/events/envelope.ts';
import { parseJsonPath, readJsonPath } from '../../../local/events/json-path.ts';
import { renderTemplate, targetPayload } from '../../../local/events/target-input.ts';

const event = buildEnvelope({
  id: 'e-1',
  source: 'novamart.orders',
  detailType: 'order.placed',
  detail: { orderId: 'o-1', items: [{ sku: 'A' }], 'odd key': true },
  resources: [],
  timeMs: Date.UTC(2026, 11, 3, 10, 20, 30, 999),
  account: '000000000000',
  region: 'us-east-1',
});
const rule = { name: 'r', arn: 'arn:aws:events:us-east-1:000000000000:rule/r' };

describe('parseJsonPath', () => {
  it.each([
    ['$', []],
    ['$.detail.orderId', ['detail', 'orderId']],
    ['$.detail.items[0].sku', ['detail', 'items', 0, 'sku']],
    ["$.detail['odd key']", ['detail', 'odd key']],
  ])('parses %s', (path, steps) => {
    expect(parseJsonPath(path)).toEqual(steps);
  });

  it.each(['detail', '$..x', '$.a[', '$[x]'])('rejects %s', (path) => {
    expect(parseJsonPath(path)).toBeUndefined();
  });

  it('reads values and gives undefined for missing paths', () => {
    expect(readJsonPath(event, parseJsonPath('$.detail.items[0].sku')!)).toBe('A');
    expect(readJsonPath(event, parseJsonPath('$.detail.nope.deeper')!)).toBeUndefined();
  });
});

describe('renderTemplate', () => {
  it('quotes strings in value positions and inserts them raw inside strings', () => {
    const output = renderTemplate('{"a": <s>, "b": "x <s> y", "c": <n>, "d": <o>}', {
      s: 'hi',
      n: 3,
      o: { k: [1] },
    });
    expect(JSON.parse(output)).toEqual({ a: 'hi', b: 'x hi y', c: 3, d: { k: [1] } });
  });

  it('leaves unknown placeholders and escaped quotes alone', () => {
    expect(renderTemplate('"say \\"<s>\\" <other>"', { s: 'hi' })).toBe('"say \\"hi\\" <other>"');
  });
});

describe('targetPayload', () => {
  it('formats event time at second precision with Z', () => {
    expect(event.time).toBe('2026-12-03T10:20:30Z');
    expect(formatEventTime(0)).toBe('1970-01-01T00:00:00Z');
  });

  it('offers the reserved variables to input templates', () => {
    const payload = targetPayload(
      {
        Id: 't',
        Arn: 'arn:aws:sqs:us-east-1:000000000000:q',
        InputTransformer: {
          InputTemplate:
            '{"r": "<aws.events.rule-name>", "e": <aws.events.event>, "t": "<aws.events.event.ingestion-time>"}',
        },
      },
      event,
      rule,
      Date.UTC(2026, 0, 1),
    );
    const parsed = JSON.parse(payload);
    expect(parsed.r).toBe('r');
    expect(parsed.e).toMatchObject({ id: 'e-1', source: 'novamart.orders' });
    expect(parsed.e.detail).toBeUndefined();
    expect(parsed.t).toBe('2026-01-01T00:00:00.000Z');
  });
});
