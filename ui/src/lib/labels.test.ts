import { expect, it, vi } from 'vitest';
import type { DueItem } from './bindings';
import { categoriesLabel, dateParts, dueWarnings, dueWhen, isoDate, levelLabel, ukDate, ukDateTime } from './labels';

it('makes ISO dates only from real day, month and year', () => {
  expect(isoDate('2', '3', '2026')).toBe('2026-03-02');
  expect(isoDate('29', '2', '2028')).toBe('2028-02-29');
  expect(isoDate('29', '2', '2027')).toBeNull();
  expect(isoDate('31', '4', '2026')).toBeNull();
  expect(isoDate('', '3', '2026')).toBeNull();
  expect(isoDate('1', '1', '26')).toBeNull();
});

it('writes dates and levels as a lead reads them', () => {
  expect(ukDate('2026-03-02')).toBe('2 March 2026');
  expect(levelLabel('section47_enquiry')).toBe('Section 47 enquiry');
});

it('turns stored plan categories and instants into words and UK time', () => {
  expect(categoriesLabel('neglect,emotional')).toBe('Neglect, Emotional abuse');
  expect(categoriesLabel('')).toBe('');
  // 23:30 UTC in summer is 00:30 the next day in London.
  expect(ukDateTime('2026-07-01T23:30:00.000Z')).toBe('2 July 2026 at 00:30');
  expect(ukDateTime('2026-12-01T09:05:00.000Z')).toBe('1 December 2026 at 09:05');
  expect(dateParts('2026-03-02')).toEqual({ day: '2', month: '3', year: '2026' });
  expect(dateParts(null)).toEqual({ day: '', month: '', year: '' });
});

it('shows every due date with its weekday and says when it falls on a day off or past the known bank holidays', () => {
  const due: DueItem = {
    rule: 'next_review_conference', label: 'Review conference', startedOn: '2027-04-02', dueOn: '2027-10-02',
    dueTime: null, state: 'due', fallsOn: 'saturday', calendarEnds: null,
  };
  expect(dueWhen(due)).toBe('Saturday 2 October 2027');
  expect(dueWarnings(due)).toEqual(['Falls on a Saturday: plan for the working day before']);
  const hours = { ...due, dueOn: '2026-11-25', dueTime: '15:30', fallsOn: null };
  expect(dueWhen(hours)).toBe('Wednesday 25 November 2026 at 15:30');
  expect(dueWarnings(hours)).toEqual([]);
  expect(dueWarnings({ ...hours, dueOn: '2031-01-07', calendarEnds: 2030 })[0]).toContain('after 2030 are not known');
});

it('builds the UK time formatters only when a time is first shown, not as the page loads', async () => {
  const real = Intl.DateTimeFormat;
  let built = 0;
  Intl.DateTimeFormat = function (...args: ConstructorParameters<typeof real>) {
    built += 1;
    return new real(...args);
  } as unknown as typeof real;
  try {
    vi.resetModules();
    const labels = await import('./labels');
    expect(built).toBe(0);
    expect(labels.ukDateTime('2026-11-23T14:05:00Z')).toBe('23 November 2026 at 14:05');
    expect(labels.ukDateTime('2026-07-01T09:30:00Z')).toBe('1 July 2026 at 10:30');
    expect(built).toBe(2);
  } finally {
    Intl.DateTimeFormat = real;
  }
});
