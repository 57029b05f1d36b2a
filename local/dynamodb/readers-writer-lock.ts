/**
 * A readers-writer lock that serves waiters in arrival order: any number of shared holders run
 * together, an exclusive holder runs alone. A waiting exclusive request blocks later shared ones,
 * so a stream of single-item requests cannot starve a transaction.
 *
 * DynamoDB transactions are built from several dynalite steps; holding the lock exclusively while
 * they run is what keeps every other request from seeing half of one.
 */
interface Waiter {
  exclusive: boolean;
  grant: () => void;
}

export class ReadersWriterLock {
  private sharedHolders = 0;
  private exclusiveHeld = false;
  private readonly waiters: Waiter[] = [];

  /** Runs `work` alongside other shared holders, never alongside an exclusive one. */
  shared<T>(work: () => Promise<T>): Promise<T> {
    return this.run(false, work);
  }

  /** Runs `work` with nothing else holding the lock. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.run(true, work);
  }

  private async run<T>(exclusive: boolean, work: () => Promise<T>): Promise<T> {
    await this.acquire(exclusive);
    try {
      return await work();
    } finally {
      this.release(exclusive);
    }
  }

  private canGrant(exclusive: boolean): boolean {
    if (this.exclusiveHeld) return false;
    return exclusive ? this.sharedHolders === 0 : true;
  }

  private acquire(exclusive: boolean): Promise<void> {
    if (this.waiters.length === 0 && this.canGrant(exclusive)) {
      this.take(exclusive);
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiters.push({ exclusive, grant }));
  }

  private take(exclusive: boolean): void {
    if (exclusive) this.exclusiveHeld = true;
    else this.sharedHolders += 1;
  }

  private release(exclusive: boolean): void {
    if (exclusive) this.exclusiveHeld = false;
    else this.sharedHolders -= 1;
    this.grantWaiting();
  }

  /** Grants waiters from the front for as long as the front one fits. */
  private grantWaiting(): void {
    while (this.waiters.length > 0) {
      const next = this.waiters[0]!;
      if (!this.canGrant(next.exclusive)) return;
      this.waiters.shift();
      this.take(next.exclusive);
      next.grant();
    }
  }
}
