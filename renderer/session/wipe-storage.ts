// What a session may have left in the page's own storage: wiped at every session end, so the next citizen finds none
// of it. The screens keep nothing there on purpose; this is the net for what a library or a later change might put.

/** The storage APIs of a page, as far as the wipe uses them (window in the kiosk; fakes in unit tests). */
export interface PageStorage {
  sessionStorage: Pick<Storage, 'clear'>;
  localStorage: Pick<Storage, 'clear'>;
  indexedDB?: { databases(): Promise<{ name?: string }[]>; deleteDatabase(name: string): unknown };
  caches?: { keys(): Promise<string[]>; delete(name: string): Promise<boolean> };
}

/** Empties every store; a store that fails is skipped (the others are still wiped) and named in the answer. */
export async function wipePageStorage(page: PageStorage): Promise<{ failed: string[] }> {
  const failed: string[] = [];
  const attempt = async (name: string, wipe: () => unknown) => {
    try {
      await wipe();
    } catch {
      failed.push(name);
    }
  };
  await attempt('sessionStorage', () => page.sessionStorage.clear());
  await attempt('localStorage', () => page.localStorage.clear());
  const { indexedDB, caches } = page;
  if (indexedDB) {
    await attempt('indexedDB', async () => {
      for (const db of await indexedDB.databases()) if (db.name) indexedDB.deleteDatabase(db.name);
    });
  }
  if (caches) {
    await attempt('caches', async () => {
      for (const key of await caches.keys()) await caches.delete(key);
    });
  }
  return { failed };
}
