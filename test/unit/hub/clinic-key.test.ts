import { describe, expect, it } from 'vitest';
import { ClinicKey } from '../../../electron/core/hub/clinic-key';
import { formatJoinCode, parseJoinCode } from '../../../electron/core/hub/join-code';

describe('the clinic key', () => {
  it('round-trips through a join code, forgiving case, spaces and dashes', () => {
    const key = ClinicKey.generate();
    const code = formatJoinCode(key.raw);
    expect(code).toMatch(/^CSHUB1(-[A-Z2-7]{4}){13}-[A-Z2-7]{4}$/);
    expect(parseJoinCode(code.toLowerCase().replace(/-/g, ' '))).toEqual(key.raw);
  });

  it('refuses a mistyped, truncated or foreign join code with a clear message', () => {
    const code = formatJoinCode(ClinicKey.generate().raw);
    const typo = code.slice(0, 10) + (code[10] === 'A' ? 'B' : 'A') + code.slice(11);
    expect(() => parseJoinCode(typo)).toThrow(/mistyped or incomplete/);
    expect(() => parseJoinCode(code.slice(0, -5))).toThrow(/mistyped or incomplete/);
    expect(() => parseJoinCode('hello')).toThrow(/not a ClinicSync join code/);
  });

  it('seals payloads that only the same key and the same address open', () => {
    const key = ClinicKey.generate();
    const here = key.address({ kind: 'patient', source: 's1', ref: '42' });
    const there = key.address({ kind: 'patient', source: 's1', ref: '43' });
    const sealed = key.seal('{"firstName":"Ada"}', here);
    expect(sealed.includes(Buffer.from('Ada'))).toBe(false);
    expect(key.open(sealed, here)).toBe('{"firstName":"Ada"}');
    expect(() => key.open(sealed, there)).toThrow();
    expect(() => ClinicKey.generate().open(sealed, here)).toThrow();
  });

  it('addresses records by a keyed hash: stable for a key, different across keys, no run-together names', () => {
    const key = ClinicKey.generate();
    const name = { kind: 'patient', source: 'a', ref: 'bc' };
    expect(key.address(name)).toEqual(new ClinicKey(key.raw).address(name));
    expect(key.address(name)).not.toEqual(ClinicKey.generate().address(name));
    expect(key.address(name)).not.toEqual(key.address({ kind: 'patient', source: 'ab', ref: 'c' }));
  });

  it('tells its own check value from another key’s', () => {
    const key = ClinicKey.generate();
    expect(new ClinicKey(key.raw).matches(key.checkValue())).toBe(true);
    expect(ClinicKey.generate().matches(key.checkValue())).toBe(false);
  });
});
