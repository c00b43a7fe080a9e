/**
 * The gateway key the dashboard sends with every call, kept in this browser's localStorage. When
 * the gateway answers 401 the key is dropped and the prompt shown; a new key bumps `version`, so
 * pages load again with it.
 */
const storageKey = 'switchyard.gatewayKey';

type Listener = () => void;

class KeyStore {
  private key: string | null = readStored();
  /** Why a key is needed now (the gateway's message), or null while calls succeed. */
  needed: string | null = null;
  version = 0;
  private readonly listeners = new Set<Listener>();

  get(): string | null {
    return this.key;
  }

  has(): boolean {
    return this.key !== null;
  }

  set(key: string): void {
    this.key = key;
    this.needed = null;
    this.version++;
    try {
      localStorage.setItem(storageKey, key);
    } catch {
      // Private browsing may refuse storage: the key then lasts until the tab closes.
    }
    this.emit();
  }

  forget(): void {
    this.key = null;
    try {
      localStorage.removeItem(storageKey);
    } catch {
      // Nothing stored.
    }
    this.reject('Enter a gateway key to go on.');
  }

  /** The gateway refused the key (or there was none): ask for one. */
  reject(message: string): void {
    if (this.needed !== null) return;
    this.needed = message;
    this.emit();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

function readStored(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export const keyStore = new KeyStore();
