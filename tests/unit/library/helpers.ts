import Dexie from 'dexie';
import { PykalaDatabase } from '@/lib/db';
import type { MeetingItemPage } from '@/lib/dynasty/types';

export const PORTAL = 'https://ep10.kouvola.fi';

export function page(itemId: string, patch: Partial<MeetingItemPage> = {}): MeetingItemPage {
  return {
    kind: 'meetingItem',
    url: `${PORTAL}/cgi/DREQUEST.PHP?page=meetingitem&id=${itemId}`,
    portal: PORTAL,
    generation: 'dynamic',
    warnings: [],
    itemId,
    meetingId: itemId.split('-')[0]!,
    organ: 'Kaupunginhallitus',
    documentKind: 'minutes',
    meetingDate: '2021-06-07',
    section: 210,
    agendaNumber: 5,
    title: 'Loppuraportti Kouvolan strategiatoteutumasta valtuustokaudella 2017-2021',
    diaryNumber: '5767/00.01.02.00/2021',
    classification: null,
    people: [],
    sections: [{ label: 'Selostus', kind: 'explanation', text: 'Kouvolan kaupunkistrategiassa 2030 panostetaan kolmeen kasvukärkeen.' }],
    proposal: 'Kaupunginhallitus päättää merkitä tiedoksi ehdotuksen loppuraportiksi.',
    decision: 'Hyväksyttiin.',
    outcome: 'as-proposed',
    history: [],
    attachments: [],
    links: { pdf: null, appeal: null, previous: null, next: null, meeting: null },
    ...patch,
  };
}

const open: PykalaDatabase[] = [];
export function freshDb(): PykalaDatabase {
  const db = new PykalaDatabase(`test-${Math.random()}`);
  open.push(db);
  return db;
}
export async function closeAll(): Promise<void> {
  for (const db of open.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
}
