import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReceivePacer } from '../../../services/orders/receive-pacer.ts';

/** Whether beforeReceive() has resolved after `ms` of fake time. */
async function releasedWithin(pacer: ReceivePacer, ms: number): Promise<boolean> {
  let released = false;
  void pacer.beforeReceive().then(() => {
    released = true;
  });
  await vi.advanceTimersByTimeAsync(ms);
  return released;
}

describe('ReceivePacer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits the window after a partial batch, so the next receive gathers more', async () => {
    const pacer = new ReceivePacer(100, 10);
    pacer.noteBatch(3);

    let released = false;
    void pacer.beforeReceive().then(() => {
      released = true;
    });
    await vi.advanceTimersByTimeAsync(99);
    expect(released).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(released).toBe(true);
  });

  it('receives at once after a full batch (more may wait) and after an empty one', async () => {
    const pacer = new ReceivePacer(100, 10);

    pacer.noteBatch(10);
    expect(await releasedWithin(pacer, 0)).toBe(true);
    // Nothing noted since: the last receive was empty, its long poll already waited.
    expect(await releasedWithin(pacer, 0)).toBe(true);
  });

  it('ends a wait in progress on cancel, and never waits with a zero window', async () => {
    const pacer = new ReceivePacer(100, 10);
    pacer.noteBatch(1);
    let released = false;
    void pacer.beforeReceive().then(() => {
      released = true;
    });

    pacer.cancel();
    await vi.advanceTimersByTimeAsync(0);

    expect(released).toBe(true);
    const unpaced = new ReceivePacer(0, 10);
    unpaced.noteBatch(1);
    expect(await releasedWithin(unpaced, 0)).toBe(true);
  });
});
