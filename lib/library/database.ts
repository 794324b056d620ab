/** The one database handle of an extension page or the service worker. */
import { PykalaDatabase } from '../db';

let shared: PykalaDatabase | null = null;
export function database(): PykalaDatabase {
  shared ??= new PykalaDatabase();
  return shared;
}
