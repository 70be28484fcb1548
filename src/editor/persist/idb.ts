/** A minimal promise-based key–value store over one IndexedDB object store. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

export function openKeyValueStore(dbName = 'backprop-studio', storeName = 'kv', factory: IDBFactory = globalThis.indexedDB): KeyValueStore {
  let db: Promise<IDBDatabase> | null = null;
  const open = () =>
    (db ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (!factory) {
        reject(new Error('IndexedDB is not available in this browser'));
        return;
      }
      const r = factory.open(dbName, 1);
      r.onupgradeneeded = () => {
        if (!r.result.objectStoreNames.contains(storeName)) r.result.createObjectStore(storeName);
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error(`cannot open IndexedDB database '${dbName}'`));
      r.onblocked = () => reject(new Error(`IndexedDB database '${dbName}' is blocked by another tab`));
    }));
  const tx = async <T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const d = await open();
    const t = d.transaction(storeName, mode);
    const result = request(f(t.objectStore(storeName)));
    await new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  };
  return {
    get: (key) => tx('readonly', (s) => s.get(key)),
    set: async (key, value) => {
      await tx('readwrite', (s) => s.put(value, key));
    },
    delete: async (key) => {
      await tx('readwrite', (s) => s.delete(key));
    },
  };
}
