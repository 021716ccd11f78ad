import { expect, it } from 'vitest';
import { isoDate, levelLabel, ukDate } from './labels';

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
