// Clean-up shared by start-up recovery and Outbox.sweep(): finishing purges, deleting rows past retention, removing
// files no row refers to.
import type { AttachmentFiles } from './attachment-files';
import { transactionIdOf } from './attachment-files';
import type { OutboxStore } from './outbox-store';

/**
 * acknowledged → purged for one row: first the commit that forgets the wrapped key and the sealed payload (from then
 * on the files cannot be decrypted by anyone), then the files. A crash in between leaves orphan files, which
 * removeOrphans() deletes. Resolves false if the row was not acknowledged.
 */
export async function purge(store: OutboxStore, files: AttachmentFiles, id: string, now: number): Promise<boolean> {
  const shredded = store.shred(id, now);
  if (!shredded.ok) return false;
  if ('fileNames' in shredded) await files.remove(shredded.fileNames);
  return true;
}

/** Finishes every purge that a crash (or an I/O error) interrupted. */
export async function purgeAcknowledged(store: OutboxStore, files: AttachmentFiles, now: number): Promise<number> {
  let purged = 0;
  for (const id of store.idsInState('acknowledged')) if (await purge(store, files, id, now)) purged++;
  return purged;
}

/** Deletes purged rows acknowledged more than `retentionMs` ago. */
export function expire(store: OutboxStore, now: number, retentionMs: number): number {
  return store.deleteExpired(now - retentionMs);
}

/**
 * Removes temporary files and sealed files no row refers to. `busyIds`: transactions being accepted right now, whose
 * files exist before their row does.
 */
export async function removeOrphans(store: OutboxStore, files: AttachmentFiles, busyIds: ReadonlySet<string>): Promise<{ temp: number; orphans: number }> {
  const { temp, sealed } = await files.list();
  const referenced = store.fileNames();
  const idle = (name: string) => !busyIds.has(transactionIdOf(name));
  return {
    temp: await files.remove(temp.filter(idle)),
    orphans: await files.remove(sealed.filter((name) => idle(name) && !referenced.has(name))),
  };
}
