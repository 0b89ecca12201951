// Where the work is kept between visits: IndexedDB, whose transactions are committed to disk
// before they complete (durability 'strict'), unlike localStorage, which Chromium writes lazily so
// a killed browser loses the last minute of edits. Values are the saved-work JSON strings, keyed:
// `workspace` (the work), `tab:<id>` (a tab's own version while it disagrees with another tab),
// `unreadable:<id>` (a damaged save, kept until the user discards it). Without IndexedDB
// (some private modes) localStorage stands in.

/** The key the editor used in localStorage before IndexedDB; read once to migrate. */
export const LEGACY_KEY = 'netpol-canvas:workspace:v1';
export const MAIN_KEY = 'workspace';
const DB_NAME = 'netpol-canvas';
const STORE = 'saved';

export interface SavedStore {
  get(key: string): Promise<string | undefined>;
  /** Every key that starts with `prefix`, with its value. */
  list(prefix: string): Promise<readonly (readonly [string, string])[]>;
  /**
   * Writes `value` unless `allow(current)` says no (read and write in one transaction): the
   * current value when refused, or null once the write is on disk.
   */
  swap(
    key: string,
    value: string,
    allow: (current: string | undefined) => boolean,
  ): Promise<{ readonly refused: string | undefined } | null>;
  remove(key: string): Promise<void>;
  readonly kind: 'indexeddb' | 'localstorage';
}

const done = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });

function openDb(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
  };
  return done(req);
}

function indexedDbStore(db: IDBDatabase): SavedStore {
  // 'strict': the transaction completes only once the data is flushed to disk.
  const tx = (mode: IDBTransactionMode) => db.transaction(STORE, mode, { durability: 'strict' });
  const finished = (t: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onabort = () => reject(t.error ?? new DOMException('aborted', 'AbortError'));
      t.onerror = () => undefined; // reported by onabort
    });
  return {
    kind: 'indexeddb',
    async get(key) {
      const v: unknown = await done(tx('readonly').objectStore(STORE).get(key));
      return typeof v === 'string' ? v : undefined;
    },
    async list(prefix) {
      const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
      const t = tx('readonly').objectStore(STORE);
      const [keys, values] = await Promise.all([
        done(t.getAllKeys(range)),
        done(t.getAll(range) as IDBRequest<unknown[]>),
      ]);
      return keys.flatMap((k, i) =>
        typeof values[i] === 'string' ? [[String(k), values[i]] as const] : [],
      );
    },
    async swap(key, value, allow) {
      const t = tx('readwrite');
      const store = t.objectStore(STORE);
      const end = finished(t);
      const current: unknown = await done(store.get(key));
      const cur = typeof current === 'string' ? current : undefined;
      if (!allow(cur)) {
        t.abort();
        await end.catch(() => undefined);
        return { refused: cur };
      }
      store.put(value, key);
      await end;
      return null;
    },
    async remove(key) {
      const t = tx('readwrite');
      const end = finished(t);
      t.objectStore(STORE).delete(key);
      await end;
    },
  };
}

const LS_PREFIX = 'netpol-canvas:saved:';

function localStorageStore(): SavedStore {
  return {
    kind: 'localstorage',
    get: (key) => Promise.resolve(localStorage.getItem(LS_PREFIX + key) ?? undefined),
    list(prefix) {
      const out: (readonly [string, string])[] = [];
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        const v = k === null ? null : localStorage.getItem(k);
        if (k?.startsWith(LS_PREFIX + prefix) && v !== null)
          out.push([k.slice(LS_PREFIX.length), v]);
      }
      return Promise.resolve(out);
    },
    swap(key, value, allow) {
      const cur = localStorage.getItem(LS_PREFIX + key) ?? undefined;
      if (!allow(cur)) return Promise.resolve({ refused: cur });
      localStorage.setItem(LS_PREFIX + key, value);
      return Promise.resolve(null);
    },
    remove(key) {
      localStorage.removeItem(LS_PREFIX + key);
      return Promise.resolve();
    },
  };
}

/** IndexedDB when the browser allows it, else localStorage, else null (nothing is kept). */
export async function openSavedStore(): Promise<SavedStore | null> {
  try {
    return indexedDbStore(await openDb());
  } catch {
    try {
      localStorage.getItem(LEGACY_KEY);
      return localStorageStore();
    } catch {
      return null;
    }
  }
}

/** The pre-IndexedDB save, if any (never throws). */
export function readLegacy(): string | null {
  try {
    return localStorage.getItem(LEGACY_KEY);
  } catch {
    return null;
  }
}

export function removeLegacy(): void {
  try {
    localStorage.removeItem(LEGACY_KEY);
  } catch {
    // Nothing to do: the IndexedDB copy is what is read from now on.
  }
}
