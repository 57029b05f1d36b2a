/**
 * Queue URLs in, queue URLs out. Outgoing URLs use the origin the client reached us on, so the
 * JS SDK (which sends to the QueueUrl's origin) comes back here. Incoming ones may be any of
 * LocalStack's forms, a real AWS URL or a bare queue name.
 */
import { invalidParameterValue } from './errors.ts';
import type { QueueKey } from './queue.ts';

export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;
const ACCOUNT_PATTERN = /^\d{12}$/;

export function queueUrl(origin: string, key: QueueKey): string {
  return `${origin}/${key.accountId}/${key.name}`;
}

/** `/<account>/<name>` or `/queue/<region>/<account>/<name>`: what a query request's path may name. */
export function queueKeyFromPath(path: string, defaults: { region: string }): QueueKey | undefined {
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 2 && ACCOUNT_PATTERN.test(segments[0])) {
    return { region: defaults.region, accountId: segments[0], name: segments[1] };
  }
  if (segments.length === 4 && segments[0] === 'queue' && ACCOUNT_PATTERN.test(segments[2])) {
    return { region: segments[1], accountId: segments[2], name: segments[3] };
  }
  return undefined;
}

function regionFromHost(hostname: string): string | undefined {
  return (
    /^sqs\.([a-z0-9-]+)\./.exec(hostname)?.[1] ??
    /^([a-z]{2}-[a-z]+-\d)\.queue\./.exec(hostname)?.[1]
  );
}

/** Resolves what a client passed as QueueUrl to the queue it names. */
export function parseQueueUrl(
  raw: string,
  defaults: { region: string; accountId: string },
): QueueKey {
  if (QUEUE_NAME_PATTERN.test(raw))
    return { region: defaults.region, accountId: defaults.accountId, name: raw };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidParameterValue(
      `Value ${raw} for parameter QueueUrl is invalid. Reason: Invalid URL.`,
    );
  }
  const region = regionFromHost(url.hostname) ?? defaults.region;
  const key = queueKeyFromPath(url.pathname, { region });
  if (!key) {
    throw invalidParameterValue(
      `Value ${raw} for parameter QueueUrl is invalid. Reason: Expected <origin>/<account>/<queue-name>.`,
    );
  }
  return key;
}

/** `arn:aws:sqs:<region>:<account>:<name>` to its parts; undefined for anything else. */
export function queueKeyFromArn(arn: string): QueueKey | undefined {
  const parts = arn.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'sqs') return undefined;
  return { region: parts[3], accountId: parts[4], name: parts[5] };
}
