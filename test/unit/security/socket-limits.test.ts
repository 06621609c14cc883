import { describe, expect, it } from 'vitest';
import { RequestBudget } from '../../../electron/host/socket-limits';

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
