import { describe, expect, it } from 'vitest';
import { ReadersWriterLock } from '../../../local/dynamodb/readers-writer-lock.ts';

/** A task that records when it starts and ends, and finishes when told to. */
function controllable(name: string, log: string[]) {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    work: async () => {
      log.push(`${name} start`);
      await finished;
      log.push(`${name} end`);
    },
    finish: () => finish(),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ReadersWriterLock', () => {
  it('runs shared holders together', async () => {
    const lock = new ReadersWriterLock();
    const log: string[] = [];
    const a = controllable('a', log);
    const b = controllable('b', log);

    const done = [lock.shared(a.work), lock.shared(b.work)];
    await tick();

    expect(log).toEqual(['a start', 'b start']);
    a.finish();
    b.finish();
    await Promise.all(done);
  });

  it('runs an exclusive holder alone and serves waiters in arrival order', async () => {
    const lock = new ReadersWriterLock();
    const log: string[] = [];
    const reader1 = controllable('r1', log);
    const writer = controllable('w', log);
    const reader2 = controllable('r2', log);

    const done = [
      lock.shared(reader1.work),
      lock.exclusive(writer.work),
      lock.shared(reader2.work),
    ];
    await tick();
    expect(log).toEqual(['r1 start']);

    reader1.finish();
    await tick();
    expect(log).toEqual(['r1 start', 'r1 end', 'w start']);

    writer.finish();
    await tick();
    expect(log).toEqual(['r1 start', 'r1 end', 'w start', 'w end', 'r2 start']);
    reader2.finish();
    await Promise.all(done);
  });

  it('releases the lock when the work throws', async () => {
    const lock = new ReadersWriterLock();

    await expect(lock.exclusive(async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );

    await expect(lock.exclusive(async () => 'next')).resolves.toBe('next');
  });
});
