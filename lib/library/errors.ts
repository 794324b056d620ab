/** Storage errors turned into something the user can be told plainly. */

export class StorageFullError extends Error {
  constructor() {
    super('storage-full');
    this.name = 'StorageFullError';
  }
}

export function isQuotaError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; inner?: unknown; message?: string };
  if (e.name === 'QuotaExceededError' || e.name === 'StorageFullError') return true;
  if (e.inner && isQuotaError(e.inner)) return true;
  return typeof e.message === 'string' && /quota/i.test(e.message);
}

/** Runs a write; a quota failure (the transaction was rolled back, nothing half-written) becomes StorageFullError. */
export async function guardQuota<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError();
    throw error;
  }
}
