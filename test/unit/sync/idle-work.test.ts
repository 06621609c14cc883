import { describe, expect, it } from 'vitest';
import { IdleWork } from '../../../electron/core/sync/idle-work';
import { TestClock } from '../../support/test-clock';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup() {
  const clock = new TestClock(undefined, { running: false });
  const log: string[] = [];
  const errors: unknown[] = [];
  const idle = new IdleWork(
    clock.now,
    (err) => errors.push(err),
    () => log.push('flush'),
  );
  const until = (ms: number) => new Date(clock.ms() + ms);
  return { clock, log, errors, idle, until };
}

describe('work a run does while the rate limit holds it', () => {
  it('runs a queued task once, in the first wait with room, and not in the short waits that space requests out', async () => {
    const { log, idle, until } = setup();
    idle.add(() => log.push('build'));
    idle.waiting(until(300));
    await turn();
    expect(log).toEqual([]);

    idle.waiting(until(5_000));
    await turn();
    expect(log).toEqual(['build', 'flush']);
    idle.waiting(until(5_100));
    await turn();
    expect(log).toEqual(['build', 'flush']);
  });

  it('runs a task queued while a wait with room is on at once, and flushes again only in a later wait', async () => {
    const { clock, log, idle, until } = setup();
    idle.waiting(until(10_000));
    await turn();
    expect(log).toEqual(['flush']);

    idle.add(() => log.push('build'));
    await turn();
    expect(log).toEqual(['flush', 'build']);

    clock.advance(10_000);
    idle.waiting(until(3_000));
    await turn();
    expect(log).toEqual(['flush', 'build', 'flush']);
  });

  it('runs nothing once the run ends, and a failing task does not stop the others', async () => {
    const { errors, log, idle, until } = setup();
    idle.add(() => {
      throw new Error('disk full');
    });
    idle.add(() => log.push('second'));
    idle.waiting(until(5_000));
    await turn();
    expect(log).toEqual(['second', 'flush']);
    expect(errors).toEqual([new Error('disk full')]);

    idle.add(() => log.push('late'));
    idle.close();
    await turn();
    expect(log).toEqual(['second', 'flush']);
  });
});
