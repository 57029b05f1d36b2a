/** The event as targets and patterns see it, built from one PutEvents entry. */
import type { JsonObject } from './pattern/index.ts';

export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: JsonObject;
  [key: string]: unknown;
}

/** EventBridge reports event time at second precision: `2017-12-22T18:43:48Z`. */
export function formatEventTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function buildEnvelope(fields: {
  id: string;
  source: string;
  detailType: string;
  detail: JsonObject;
  resources: string[];
  timeMs: number;
  account: string;
  region: string;
}): EventEnvelope {
  return {
    version: '0',
    id: fields.id,
    'detail-type': fields.detailType,
    source: fields.source,
    account: fields.account,
    time: formatEventTime(fields.timeMs),
    region: fields.region,
    resources: fields.resources,
    detail: fields.detail,
  };
}
