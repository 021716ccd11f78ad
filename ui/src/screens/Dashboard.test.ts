import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Dashboard, Lead, WeekStatus } from '../lib/bindings';
import DashboardScreen from './Dashboard.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const me: Lead = { id: 1, name: 'Joanna Holmes', role: 'Designated safeguarding lead', active: true };
const late = (leadId: number, lead: string, n: number, monday: string): WeekStatus => ({
  week: `2026-W${n}`, monday, leadId, lead, total: 12, done: 3, signedOffAt: null, overdue: true,
});
const board: Dashboard = {
  week: '2026-W49',
  thisWeek: [],
  overdueWeeks: [
    late(1, 'Joanna Holmes', 38, '2026-09-14'),
    late(2, 'Elaine Martin', 40, '2026-09-28'),
    late(1, 'Joanna Holmes', 36, '2026-08-31'),
    late(1, 'Joanna Holmes', 37, '2026-09-07'),
  ],
  due: [],
  changes: [],
  archivingSoon: [],
  liveByLevel: [],
  enquiriesToPassOn: [],
  calendarWarnings: [],
  myActions: [],
  myActionsTotal: 0,
  overdueActions: [],
  overdueActionsTotal: 0,
  referralsAwaiting: [],
  escalationsOpen: [],
  transfersAwaiting: [],
  recordsForReview: 0,
};

it('says one line per lead of the weeks not signed off, the viewer first, and lists them on demand', async () => {
  const opened: [string | null, number | null][] = [];
  mockIPC((cmd) => (cmd === 'dashboard' ? board : null));
  render(DashboardScreen, {
    me, onopen: () => {}, onreview: (week, leadId) => opened.push([week, leadId]), onnew: () => {}, onenquiries: () => {}, onrecords: () => {},
  });
  const late = await screen.findByTestId('overdue-weeks');
  const lines = [...late.querySelectorAll(':scope > ul > li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
  expect(lines[0]).toMatch(/^You: 3 weeks not signed off, the oldest week 36 \(from 31 August 2026\)\./);
  expect(lines[1]).toMatch(/^Elaine Martin: 1 week not signed off, the oldest week 40/);
  expect(screen.queryByRole('button', { name: /^week 37/ })).toBeNull();

  await fireEvent.click(screen.getByRole('button', { name: 'Show the weeks of yours' }));
  const weeks = screen.getAllByRole('button', { name: /^week 3\d/ }).map((b) => b.textContent?.trim());
  expect(weeks).toEqual(['week 36 (from 31 August 2026)', 'week 37 (from 7 September 2026)', 'week 38 (from 14 September 2026)']);
  await fireEvent.click(screen.getByRole('button', { name: /^week 37/ }));
  expect(opened).toEqual([['2026-W37', 1]]);
});

it("shows a case's changes as one item under its children's names: their tally, the newest five, and all on demand", async () => {
  const change = (id: number, summary: string) => ({
    id, caseId: 7, reference: 'CP-2026-0007', lead: 'Elaine Martin', kind: 'person_added' as const, summary, at: '2026-12-01T10:00:00Z',
  });
  const changes = Array.from({ length: 7 }, (_, i) => change(i + 1, `Person ${i + 1} added`));
  mockIPC((cmd) => (cmd === 'dashboard' ? { ...board, overdueWeeks: [], changes: [{ caseId: 7, reference: 'CP-2026-0007', name: 'Łukasz and Siân Nowak', tally: '7 people added', changes }] } : null));
  const opened: number[] = [];
  render(DashboardScreen, { me, onopen: (id: number) => opened.push(id), onreview: () => {}, onnew: () => {}, onenquiries: () => {}, onrecords: () => {} });
  const list = await screen.findByTestId('changes');
  expect(list.querySelector('.case-ref')?.textContent).toBe('CP-2026-0007');
  await fireEvent.click(screen.getByRole('button', { name: 'Łukasz and Siân Nowak' }));
  expect(opened).toEqual([7]);
  expect(list.querySelector('.tally')?.textContent).toBe('7 people added');
  const shown = () => [...list.querySelectorAll('.list li')].map((li) => li.textContent?.split(' (')[0]);
  expect(shown()).toEqual(['Person 3 added', 'Person 4 added', 'Person 5 added', 'Person 6 added', 'Person 7 added']);
  await fireEvent.click(screen.getByRole('button', { name: 'Show all 7 changes to Łukasz and Siân Nowak' }));
  expect(shown()).toHaveLength(7);
});

it('counts the records due for review and opens the disposal review', async () => {
  let records = 0;
  mockIPC((cmd) => (cmd === 'dashboard' ? { ...board, overdueWeeks: [], recordsForReview: 2 } : null));
  render(DashboardScreen, {
    me, onopen: () => {}, onreview: () => {}, onnew: () => {}, onenquiries: () => {}, onrecords: () => records++,
  });
  const section = await screen.findByTestId('records-for-review');
  expect(section.textContent).toContain('Records due for review (2)');
  await fireEvent.click(screen.getByRole('button', { name: 'Open the disposal review' }));
  expect(records).toBe(1);
});
