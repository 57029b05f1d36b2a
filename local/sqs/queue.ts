/**
 * One standard queue's messages. Every message is in exactly one of three states:
 * ready (in `ready`, insertion-ordered), delayed or in flight (in `pending`, a heap keyed by the
 * time it becomes visible). Receives take from the front of `ready` after moving due entries
 * over, so the work per message is O(log n) however many messages wait.
 *
 * Heap entries are never removed early: a delete or visibility change bumps the message's
 * `generation`, and entries with an older generation are skipped when they surface.
 */
import type { Logger } from '../../src/shared/logger.ts';
import type { MessageAttributes } from './message-attributes.ts';
import { MinHeap } from './min-heap.ts';
import type { QueueSettings } from './queue-attributes.ts';
import { encodeReceiptHandle, nextReceiveSequence } from './receipt-handle.ts';

export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes: MessageAttributes;
  md5OfMessageAttributes?: string;
  /** SenderId, AWSTraceHeader, DeadLetterQueueSourceArn: whichever apply. */
  fixedSystemAttributes: Record<string, string>;
  sentTimestampMs: number;
  receiveCount: number;
  firstReceiveTimestampMs?: number;
  state: 'ready' | 'delayed' | 'inflight';
  /** Which receive issued the current receipt handle. */
  receiveSequence: number;
  generation: number;
}

export interface ReceivedMessage {
  message: StoredMessage;
  receiptHandle: string;
  receiveCount: number;
  firstReceiveTimestampMs: number;
}

export interface QueueKey {
  region: string;
  accountId: string;
  name: string;
}

interface PendingEntry {
  message: StoredMessage;
  generation: number;
}

interface Waiter {
  /** Tries to fill this waiter from the ready messages; true once it has answered. */
  tryAnswer(): boolean;
  cancel(): void;
}

interface QueueDependencies {
  now(): number;
  logger: Logger;
  /** The live queue with this ARN, for redrive. */
  queueByArn(arn: string): Queue | undefined;
}

export class Queue {
  readonly arn: string;
  readonly createdTimestampMs: number;
  lastModifiedTimestampMs: number;
  tags: Record<string, string> = {};

  private readonly messages = new Map<string, StoredMessage>();
  private readonly ready = new Set<StoredMessage>();
  private readonly pending = new MinHeap<PendingEntry>();
  private inflightCount = 0;
  private delayedCount = 0;
  private readonly waiters = new Set<Waiter>();
  private wakeTimer?: NodeJS.Timeout;
  private wakeAtMs = Number.POSITIVE_INFINITY;
  private closed = false;

  constructor(
    readonly key: QueueKey,
    public settings: QueueSettings,
    private readonly deps: QueueDependencies,
  ) {
    this.arn = `arn:aws:sqs:${key.region}:${key.accountId}:${key.name}`;
    this.createdTimestampMs = deps.now();
    this.lastModifiedTimestampMs = this.createdTimestampMs;
  }

  get name(): string {
    return this.key.name;
  }

  counts(): { visible: number; notVisible: number; delayed: number } {
    this.promoteDue(this.deps.now());
    return { visible: this.ready.size, notVisible: this.inflightCount, delayed: this.delayedCount };
  }

  /** The message as of now: one whose visibility timeout just ended is no longer in flight. */
  getMessage(messageId: string): StoredMessage | undefined {
    this.promoteDue(this.deps.now());
    return this.messages.get(messageId);
  }

  /** Adds a message; it becomes receivable after `delaySeconds`. */
  enqueue(message: StoredMessage, delaySeconds: number): void {
    this.messages.set(message.messageId, message);
    if (delaySeconds > 0) {
      message.state = 'delayed';
      this.delayedCount++;
      this.pushPending(message, this.deps.now() + delaySeconds * 1000);
      this.scheduleWake();
    } else {
      message.state = 'ready';
      this.ready.add(message);
      this.answerWaiters();
    }
  }

  /**
   * Takes up to `maxMessages` ready messages and puts them in flight. A message whose next receive
   * would exceed the redrive policy's maxReceiveCount moves to the dead-letter queue instead.
   */
  take(maxMessages: number, visibilityTimeoutSeconds: number): ReceivedMessage[] {
    const now = this.deps.now();
    this.promoteDue(now);
    const received: ReceivedMessage[] = [];
    const retentionMs = this.settings.messageRetentionPeriodSeconds * 1000;
    const redrive = this.settings.redrivePolicy;
    for (const message of this.ready) {
      if (received.length >= maxMessages) break;
      this.ready.delete(message);
      if (message.sentTimestampMs + retentionMs <= now) {
        this.forget(message);
        continue;
      }
      if (
        redrive &&
        message.receiveCount >= redrive.maxReceiveCount &&
        this.moveToDeadLetterQueue(message)
      ) {
        continue;
      }
      message.receiveCount++;
      message.firstReceiveTimestampMs ??= now;
      message.receiveSequence = nextReceiveSequence();
      message.state = 'inflight';
      message.generation++;
      this.inflightCount++;
      this.pushPending(message, now + visibilityTimeoutSeconds * 1000);
      received.push({
        message,
        receiptHandle: encodeReceiptHandle({
          queueArn: this.arn,
          messageId: message.messageId,
          receiveSequence: message.receiveSequence,
        }),
        receiveCount: message.receiveCount,
        firstReceiveTimestampMs: message.firstReceiveTimestampMs,
      });
    }
    if (received.length > 0) this.scheduleWake();
    return received;
  }

  /**
   * Long polling: answers at once when messages are ready, otherwise waits up to `waitTimeSeconds`
   * for a send, a visibility expiry or a delay to end. Waiters are woken, never polled.
   */
  receive(
    maxMessages: number,
    visibilityTimeoutSeconds: number,
    waitTimeSeconds: number,
  ): Promise<ReceivedMessage[]> {
    const received = this.take(maxMessages, visibilityTimeoutSeconds);
    if (received.length > 0 || waitTimeSeconds <= 0 || this.closed)
      return Promise.resolve(received);
    return new Promise((resolve) => {
      const finish = (messages: ReceivedMessage[]) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        if (this.waiters.size === 0) this.clearWake();
        resolve(messages);
      };
      const waiter: Waiter = {
        tryAnswer: () => {
          const messages = this.take(maxMessages, visibilityTimeoutSeconds);
          if (messages.length === 0) return false;
          finish(messages);
          return true;
        },
        cancel: () => finish([]),
      };
      const timer = setTimeout(() => finish([]), waitTimeSeconds * 1000);
      this.waiters.add(waiter);
      this.scheduleWake();
    });
  }

  /** Deletes a message however it is held; deleting a message twice is not an error. */
  delete(messageId: string): void {
    const message = this.messages.get(messageId);
    if (message) this.forget(message);
  }

  /** Sets when an in-flight message becomes visible again, counted from now. */
  changeVisibility(message: StoredMessage, visibilityTimeoutSeconds: number): void {
    message.generation++;
    if (visibilityTimeoutSeconds === 0) {
      this.inflightCount--;
      message.state = 'ready';
      this.ready.add(message);
      this.answerWaiters();
      return;
    }
    this.pushPending(message, this.deps.now() + visibilityTimeoutSeconds * 1000);
    this.scheduleWake();
  }

  purge(): void {
    for (const message of this.messages.values()) message.generation++;
    this.messages.clear();
    this.ready.clear();
    this.pending.clear();
    this.inflightCount = 0;
    this.delayedCount = 0;
  }

  /** Ends every long poll with no messages and stops the timer; used on DeleteQueue and shutdown. */
  close(): void {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.cancel();
    this.clearWake();
    this.purge();
  }

  private moveToDeadLetterQueue(message: StoredMessage): boolean {
    const target = this.settings.redrivePolicy
      ? this.deps.queueByArn(this.settings.redrivePolicy.deadLetterTargetArn)
      : undefined;
    if (!target || target === this) {
      this.deps.logger.warn(
        {
          queueArn: this.arn,
          deadLetterTargetArn: this.settings.redrivePolicy?.deadLetterTargetArn,
        },
        'dead-letter queue missing; message stays in its queue',
      );
      return false;
    }
    this.forget(message);
    target.enqueue(
      {
        ...message,
        fixedSystemAttributes: {
          ...message.fixedSystemAttributes,
          DeadLetterQueueSourceArn: this.arn,
        },
        receiveCount: 0,
        firstReceiveTimestampMs: undefined,
        receiveSequence: 0,
        generation: 0,
        state: 'ready',
      },
      0,
    );
    return true;
  }

  private forget(message: StoredMessage): void {
    if (message.state === 'inflight') this.inflightCount--;
    else if (message.state === 'delayed') this.delayedCount--;
    else this.ready.delete(message);
    message.generation++;
    this.messages.delete(message.messageId);
  }

  private pushPending(message: StoredMessage, visibleAtMs: number): void {
    this.pending.push(visibleAtMs, { message, generation: message.generation });
    // Stale entries pile up when messages are deleted long before their timeout; drop them now and then.
    const live = this.inflightCount + this.delayedCount;
    if (this.pending.size > 4 * live + 1024) {
      this.pending.filter((entry) => entry.generation === entry.message.generation);
    }
  }

  /** Moves delayed and in-flight messages whose time has come to `ready`. */
  private promoteDue(now: number): boolean {
    let promoted = false;
    for (
      let at = this.pending.peekKey();
      at !== undefined && at <= now;
      at = this.pending.peekKey()
    ) {
      const entry = this.pending.pop()!;
      const message = entry.message;
      if (entry.generation !== message.generation || !this.messages.has(message.messageId))
        continue;
      if (message.state === 'inflight') this.inflightCount--;
      else if (message.state === 'delayed') this.delayedCount--;
      message.state = 'ready';
      message.generation++;
      this.ready.add(message);
      promoted = true;
    }
    return promoted;
  }

  private answerWaiters(): void {
    for (const waiter of this.waiters) {
      if (this.ready.size === 0) break;
      waiter.tryAnswer();
    }
  }

  /** Keeps one timer per queue, set for the next pending entry, only while someone waits. */
  private scheduleWake(): void {
    if (this.waiters.size === 0 || this.closed) return;
    const nextAtMs = this.pending.peekKey();
    if (nextAtMs === undefined || nextAtMs >= this.wakeAtMs) return;
    this.clearWake();
    this.wakeAtMs = nextAtMs;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = undefined;
        this.wakeAtMs = Number.POSITIVE_INFINITY;
        this.promoteDue(this.deps.now());
        this.answerWaiters();
        this.scheduleWake();
      },
      Math.max(1, nextAtMs - this.deps.now()),
    );
  }

  private clearWake(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    this.wakeAtMs = Number.POSITIVE_INFINITY;
  }
}
