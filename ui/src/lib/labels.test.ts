import { expect, it } from 'vitest';
import { categoriesLabel, dateParts, isoDate, levelLabel, ukDate, ukDateTime } from './labels';

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
