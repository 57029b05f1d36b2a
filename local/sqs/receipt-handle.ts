/**
 * Receipt handles: opaque to clients, but they carry the queue, the message and which receive
 * issued them, so a handle is unique per receive and a handle from another queue is refused.
 */
const VERSION = 'nrh1';
/** Differs per process, so handles from an earlier run of the cloud are not mistaken for current ones. */
const PROCESS_NONCE = Math.random().toString(36).slice(2, 10);
let receiveSequence = 0;

export interface ReceiptHandleParts {
  queueArn: string;
  messageId: string;
  receiveSequence: number;
}

export function nextReceiveSequence(): number {
  receiveSequence += 1;
  return receiveSequence;
}

export function encodeReceiptHandle(parts: ReceiptHandleParts): string {
  const raw = `${VERSION} ${PROCESS_NONCE} ${parts.queueArn} ${parts.messageId} ${parts.receiveSequence}`;
  return Buffer.from(raw, 'utf8').toString('base64');
}

/** Undefined when the handle is not one this process issued. */
export function decodeReceiptHandle(handle: string): ReceiptHandleParts | undefined {
  if (typeof handle !== 'string' || handle.length === 0 || handle.length > 1024) return undefined;
  const fields = Buffer.from(handle, 'base64').toString('utf8').split(' ');
  if (fields.length !== 5 || fields[0] !== VERSION || fields[1] !== PROCESS_NONCE) return undefined;
  const sequence = Number(fields[4]);
  if (!Number.isSafeInteger(sequence)) return undefined;
  return { queueArn: fields[2], messageId: fields[3], receiveSequence: sequence };
}
