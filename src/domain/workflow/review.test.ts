import { describe, expect, it } from 'vitest';
import { isReviewDue, reviewDueSince, reviewProgress } from './review.ts';

describe('re-review due dates (资格复审)', () => {
  it('is due the interval after county confirmation when never reviewed', () => {
    expect(reviewDueSince('2025-03-10', undefined, 12)).toBe('2026-03-10');
  });
  it('counts from the last review that kept the child', () => {
    expect(reviewDueSince('2024-03-10', '2025-05-02', 12)).toBe('2026-05-02');
  });
  it('takes the pack interval (e.g. 6 months)', () => {
    expect(reviewDueSince('2025-08-31', undefined, 6)).toBe('2026-02-28');
  });
  it('lists a child when its review falls due by the campaign due date', () => {
    expect(isReviewDue('2026-03-10', '2026-03-10')).toBe(true);
    expect(isReviewDue('2026-03-11', '2026-03-10')).toBe(false);
  });
});

describe('progress by township', () => {
  const items = [
    { township: '640302106', decided: true },
    { township: '640302106', decided: false },
    { township: '640302001', decided: false },
  ];
  it('counts due and done; nothing is overdue before the due date', () => {
    const p = reviewProgress(items, '2026-12-31', '2026-12-31');
    expect(p.total).toEqual({ due: 3, done: 1, overdue: 0 });
    expect(p.byTownship.get('640302106')).toEqual({ due: 2, done: 1, overdue: 0 });
  });
  it('undecided items are overdue after the due date', () => {
    const p = reviewProgress(items, '2026-12-31', '2027-01-01');
    expect(p.total).toEqual({ due: 3, done: 1, overdue: 2 });
    expect(p.byTownship.get('640302001')).toEqual({ due: 1, done: 0, overdue: 1 });
  });
});
