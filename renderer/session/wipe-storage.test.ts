import { describe, expect, it } from 'vitest';
import { type PageStorage, wipePageStorage } from './wipe-storage';

function fakeStorage() {
  const session = new Map([['draft', '{}']]);
  const local = new Map([['k', 'v']]);
  const dbs = new Set(['forms', 'images']);
  const cacheNames = new Set(['thumbs']);
  const page: PageStorage = {
    sessionStorage: { clear: () => session.clear() },
    localStorage: { clear: () => local.clear() },
    indexedDB: {
      databases: async () => [...dbs].map((name) => ({ name })),
      deleteDatabase: (name) => dbs.delete(name),
    },
    caches: { keys: async () => [...cacheNames], delete: async (name) => cacheNames.delete(name) },
  };
  return { page, session, local, dbs, cacheNames };
}

describe('wipePageStorage', () => {
  it('empties session and local storage, every IndexedDB database and every cache', async () => {
    const s = fakeStorage();
    expect(await wipePageStorage(s.page)).toEqual({ failed: [] });
    expect([s.session.size, s.local.size, s.dbs.size, s.cacheNames.size]).toEqual([0, 0, 0, 0]);
  });

  it('a store that throws does not keep the others from being wiped', async () => {
    const s = fakeStorage();
    s.page.localStorage = {
      clear: () => {
        throw new Error('SecurityError');
      },
    };
    expect(await wipePageStorage(s.page)).toEqual({ failed: ['localStorage'] });
    expect([s.session.size, s.dbs.size, s.cacheNames.size]).toEqual([0, 0, 0]);
  });

  it('works where IndexedDB and Cache Storage are absent', async () => {
    const s = fakeStorage();
    expect(await wipePageStorage({ sessionStorage: s.page.sessionStorage, localStorage: s.page.localStorage })).toEqual({ failed: [] });
  });
});
