import { describe, expect, it } from 'vitest';
import { splitTokenFromUrl, takeAccessToken, TOKEN_STORAGE_KEY } from '../../../renderer/src/api/access-token';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('the console’s access token in its address', () => {
  it('is taken from the fragment the host prints, leaving a clean address', () => {
    expect(splitTokenFromUrl(`http://127.0.0.1:4000/#token=${TOKEN}`)).toEqual({ token: TOKEN, cleanUrl: '/' });
  });

  it('keeps the page’s #/route wherever the token sat in the fragment', () => {
    expect(splitTokenFromUrl(`http://127.0.0.1:4000/#token=${TOKEN}#/sync`)).toEqual({ token: TOKEN, cleanUrl: '/#/sync' });
    expect(splitTokenFromUrl(`http://127.0.0.1:4000/#/roster&token=${TOKEN}`)).toEqual({ token: TOKEN, cleanUrl: '/#/roster' });
  });

  it('takes an old link’s ?token= once and moves it out of the query', () => {
    expect(splitTokenFromUrl(`http://127.0.0.1:4000/?token=${TOKEN}#/history`)).toEqual({ token: TOKEN, cleanUrl: '/#/history' });
  });

  it('leaves an address without a token alone', () => {
    expect(splitTokenFromUrl('http://127.0.0.1:4000/#/changes')).toEqual({ token: null, cleanUrl: null });
  });

  it('drops something that is not a token from the address without keeping it', () => {
    expect(splitTokenFromUrl('http://127.0.0.1:4000/#token=<script>')).toEqual({ token: null, cleanUrl: '/' });
  });
});

describe('takeAccessToken', () => {
  it('keeps the token in this tab’s storage, where a reload without it finds it', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    expect(takeAccessToken({ href: `http://127.0.0.1:4000/#token=${TOKEN}` }, storage, (url) => replaced.push(url))).toBe(TOKEN);
    expect(replaced).toEqual(['/']);
    expect(storage.getItem(TOKEN_STORAGE_KEY)).toBe(TOKEN);
    expect(takeAccessToken({ href: 'http://127.0.0.1:4000/#/sync' }, storage, (url) => replaced.push(url))).toBe(TOKEN);
    expect(replaced).toEqual(['/']);
  });

  it('has no token to offer when none was ever given', () => {
    expect(takeAccessToken({ href: 'http://127.0.0.1:4000/' }, memoryStorage(), () => {})).toBeNull();
  });
});
