import { describe, expect, it } from 'vitest';
import { displayDate, itemView, pageView } from '@/lib/reading/viewmodel';
import { espoo5, espooOrgan, hostile, kouvola210 } from './fixtures';

describe('panel view model', () => {
  it('shows the Kouvola § 210 fields as the page prints them', () => {
    const v = itemView(kouvola210());
    expect(v.meetingDate).toBe('07.06.2021');
    expect(v.section).toBe(210);
    expect(v.people[0]).toMatchObject({ phoneHref: 'tel:0206157033', emailHref: 'mailto:katariina.valtonen@kouvola.fi' });
    expect(v.missing).toEqual([]);
    // "hyväksyi päätösehdotuksen" shares no wording with the proposal: no useless diff.
    expect(v.diff).toBeNull();
    expect(v.diffSkipped).toBe(true);
  });

  it('lists fields that were not found instead of showing them empty', () => {
    const v = itemView({ ...espoo5(), diaryNumber: null, people: [], decision: null, outcome: null, section: null });
    expect(v.missing).toEqual(['section', 'diaryNumber', 'people', 'decision']);
  });

  it('does not call a missing decision on an agenda "not found"', () => {
    const v = itemView({ ...espoo5(), documentKind: 'agenda', decision: null, outcome: null });
    expect(v.missing).not.toContain('decision');
    expect(v.outcome).toBeNull();
  });

  it('diffs proposal and decision when the decision amends the wording', () => {
    const v = itemView({
      ...kouvola210(),
      proposal: 'Kaupunginhallitus päättää myöntää avustusta 5 000 euroa.',
      decision: 'Kaupunginhallitus päättää myöntää avustusta 3 000 euroa.',
      outcome: 'amended',
    });
    expect(v.diff?.changed).toBe(true);
  });

  it('keeps only http(s) links', () => {
    const v = itemView(hostile());
    expect(v.links).toEqual({ pdf: null, appeal: null, meeting: null });
    expect(v.attachments.map((a) => a.href)).toEqual([null, null]);
    expect(v.people[0]).toMatchObject({ phoneHref: null, emailHref: null });
  });

  it('shows nothing on pages it has no view for', () => {
    expect(pageView({ kind: 'unknown', url: null, portal: null, generation: null, warnings: [] }, '2024-01-01')).toBeNull();
    expect(pageView(espooOrgan(), '2017-05-15')).toMatchObject({ kind: 'organMeetings', next: 0, previous: 1 });
    expect(displayDate('2021-6-7')).toBeNull();
  });
});
