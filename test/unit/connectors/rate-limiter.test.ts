import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../../electron/core/connectors/http/sliding-window-limiter';
import { abortableSleep, type Timing } from '../../../electron/core/connectors/http/timing';

/** A clock that only moves when someone sleeps or `advance`s it, so pacing can be checked exactly. */
function virtualTiming(): Timing & { elapsed(): number; advance(ms: number): void } {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    random: () => 0.5,
    elapsed: () => now - 1_000_000,
    advance: (ms) => {
      now += ms;
    },
  };
}

const realTiming: Timing = { now: () => Date.now(), sleep: abortableSleep, random: Math.random };

function maxInAnyWindow(times: number[], windowMs: number): number {
  return Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + windowMs).length));
}

describe('sliding-window limiter', () => {
  it('lets a burst up to the limit through at once, then paces to the limit per window', async () => {
    const timing = virtualTiming();
    const limiter = new SlidingWindowLimiter(10, 60_000, timing);
    const sentAt: number[] = [];
    for (let i = 0; i < 35; i++) {
      (await limiter.acquire()).done();
      sentAt.push(timing.now());
    }
    expect(sentAt.slice(0, 10).every((t) => t === sentAt[0])).toBe(true);
    expect(maxInAnyWindow(sentAt, 60_000 + limiter.marginMs)).toBe(10);
    // 35 requests at 10 a minute: three full waits, each a window plus its small margin.
    expect(timing.elapsed()).toBe(3 * (60_000 + limiter.marginMs));
  });

  it('reports how long each caller waited', async () => {
    const timing = virtualTiming();
    const limiter = new SlidingWindowLimiter(2, 1000, timing, 0);
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const slot = await limiter.acquire();
      slot.done();
      waits.push(slot.waitedMs);
    }
    expect(waits).toEqual([0, 0, 1000]);
  });

  it('dates a request by when its response came in, since the server may have counted it late', async () => {
    const timing = virtualTiming();
    const limiter = new SlidingWindowLimiter(1, 1000, timing, 0);
    const first = await limiter.acquire();
    timing.advance(300);
    first.done();
    const second = await limiter.acquire();
    expect(second.waitedMs).toBe(1000);
    expect(timing.elapsed()).toBe(1300);
  });

  it('counts a request still in flight as happening now', async () => {
    const limiter = new SlidingWindowLimiter(1, 200, realTiming, 0);
    const first = await limiter.acquire();
    const started = Date.now();
    setTimeout(() => first.done(), 150);
    await limiter.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(340);
  });

  it('holds everyone back until a pause the server asked for', async () => {
    const timing = virtualTiming();
    const limiter = new SlidingWindowLimiter(100, 60_000, timing);
    limiter.pauseUntil(timing.now() + 5000);
    const waits: number[] = [];
    await limiter.acquire(undefined, (until) => waits.push(until));
    expect(timing.elapsed()).toBe(5000);
    expect(waits).toEqual([1_005_000]);
  });

  it('serves concurrent callers first come, first served within the limit', async () => {
    const limiter = new SlidingWindowLimiter(3, 200, realTiming, 10);
    const order: number[] = [];
    const started = Date.now();
    const take = async (i: number) => {
      const slot = await limiter.acquire();
      slot.done();
      order.push(i);
    };
    await Promise.all([0, 1, 2, 3, 4].map(take));
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(205);
  });

  it('lets a waiting caller give up without taking a slot', async () => {
    const timing = virtualTiming();
    const limiter = new SlidingWindowLimiter(1, 300, timing, 0);
    (await limiter.acquire()).done();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'cancelled' });
    await limiter.acquire();
    // The next caller waits out only the first request's window, not a slot the quitter held.
    expect(timing.elapsed()).toBe(300);
  });
});
