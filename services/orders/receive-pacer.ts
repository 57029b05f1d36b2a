/**
 * Paces SQS receives so that messages arrive in batches. A long poll answers as soon as one
 * message is there, so a consumer that always receives again at once gets one or two messages per
 * call under a steady load, and pays a ReceiveMessage and a DeleteMessageBatch for each. Waiting a
 * short window after a partial batch lets the next receive take what gathered meanwhile.
 *
 * After a full batch (more may be waiting) or an empty one (the long poll already waited) the next
 * receive goes at once, so the window adds latency only under load and never caps throughput.
 */
export class ReceivePacer {
  private lastBatchSize = 0;
  private timer: NodeJS.Timeout | undefined;
  private release: (() => void) | undefined;

  constructor(
    private readonly windowMs: number,
    private readonly fullBatchSize: number,
  ) {}

  /** Called with each non-empty batch received. */
  noteBatch(size: number): void {
    this.lastBatchSize = size;
  }

  /** Resolves when the next receive should go out. */
  beforeReceive(): Promise<void> {
    const size = this.lastBatchSize;
    // An empty receive never reaches noteBatch: reset, so the one after it goes at once.
    this.lastBatchSize = 0;
    if (this.windowMs <= 0 || size === 0 || size >= this.fullBatchSize) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.release = resolve;
      this.timer = setTimeout(resolve, this.windowMs);
    }).finally(() => {
      this.timer = undefined;
      this.release = undefined;
    });
  }

  /** Ends a wait in progress now (on stop). */
  cancel(): void {
    clearTimeout(this.timer);
    this.release?.();
  }
}
