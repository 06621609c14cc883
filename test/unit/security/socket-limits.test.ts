import { describe, expect, it } from 'vitest';
import { FairScheduler, RequestBudget, RequestLane } from '../../../electron/host/socket-limits';

describe('RequestBudget', () => {
  it('allows a burst, then refills at the per-second rate', () => {
    let now = 0;
    const budget = new RequestBudget({ burst: 3, perSecond: 2 }, () => now);
    expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([true, true, true, false]);
    now = 499;
    expect(budget.take()).toBe(false);
    now = 500;
    expect(budget.take()).toBe(true);
    expect(budget.take()).toBe(false);
  });

  it('never saves up more than one burst however long the socket was quiet', () => {
    let now = 0;
    const budget = new RequestBudget({ burst: 2, perSecond: 100 }, () => now);
    now = 60_000;
    expect([budget.take(), budget.take(), budget.take()]).toEqual([true, true, false]);
  });
});

describe('FairScheduler', () => {
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  it('starts one request per turn, the quiet console’s before the flooding one’s', async () => {
    const scheduler = new FairScheduler();
    const started: string[] = [];
    const flooding = new RequestLane(scheduler, 4, () => 10);
    const quiet = new RequestLane(scheduler, 4, () => 190);
    for (let n = 0; n < 5; n += 1) flooding.submit(async () => void started.push(`flood ${n}`));
    quiet.submit(async () => void started.push('quiet'));
    await turn();
    expect(started).toEqual(['quiet']);
    for (let n = 0; n < 10; n += 1) await turn();
    expect(started).toEqual(['quiet', 'flood 0', 'flood 1', 'flood 2', 'flood 3', 'flood 4']);
  });

  it('takes turns between consoles that have spent alike', async () => {
    const scheduler = new FairScheduler();
    const started: string[] = [];
    const a = new RequestLane(scheduler, 4, () => 50);
    const b = new RequestLane(scheduler, 4, () => 50);
    for (let n = 0; n < 3; n += 1) {
      a.submit(async () => void started.push(`a${n}`));
      b.submit(async () => void started.push(`b${n}`));
    }
    for (let n = 0; n < 10; n += 1) await turn();
    expect(started).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
  });
});
