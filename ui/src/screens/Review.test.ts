import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { tick } from 'svelte';
import type { CaseAction, Checklist, ChecklistItem, ItemDetails, Recorded } from '../lib/bindings';
import Review from './Review.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const me = { id: 1, name: 'Asha Patel', role: 'Designated safeguarding lead', active: true };

const details = (caseId: number, more: Partial<ItemDetails> = {}): ItemDetails => ({
  caseId,
  changes: [],
  changesTotal: 0,
  due: [],
  actions: [],
  actionsTotal: 0,
  ...more,
});

const item = (caseId: number): ChecklistItem => ({
  caseId,
  reference: `CP-2026-000${caseId}`,
  address: `${caseId} High Street`,
  level: 'concern',
  status: 'live',
  name: '',
  openedInWeek: null,
  closedInWeek: null,
  outcome: null,
  note: '',
  recordedAt: null,
  flags: [],
  details: details(caseId),
  lateNotes: [],
});

// Each reading of a week's list is a new object, as it is from the core.
const checklist = (week: string | null): Checklist => ({
  week: week ?? '2026-W49',
  monday: week === '2026-W48' ? '2026-11-23' : '2026-11-30',
  sunday: week === '2026-W48' ? '2026-11-29' : '2026-12-06',
  leadId: me.id,
  lead: me.name,
  mine: true,
  signedOffAt: null,
  done: 0,
  items: [item(1), item(2)],
  previousWeek: '2026-W48',
  nextWeek: week === '2026-W48' ? '2026-W49' : null,
  thisWeek: '2026-W49',
});

const recordedAt = '2026-12-02T10:00:00Z';

const action = (id: number, state: CaseAction['state'] = 'open'): CaseAction => ({
  id,
  caseId: 1,
  entryId: null,
  concernId: null,
  enquiryId: null,
  allegationId: null,
  what: `Call the school ${id}`,
  ownerLeadId: 2,
  owner: 'Elaine Martin',
  ownerContact: '',
  dueOn: `2026-12-1${id}`,
  state,
  outcome: '',
  closedAt: null,
  closedBy: null,
  createdAt: recordedAt,
  createdBy: 'Asha Patel',
});

/** The core's answers; "record_review" waits until the test gives its answer. */
function core() {
  const asked: (string | null)[] = [];
  let answer: (r: Recorded) => void = () => undefined;
  mockIPC((cmd, args) => {
    const a = args as { week: string | null };
    if (cmd === 'checklist') {
      asked.push(a.week);
      return checklist(a.week);
    }
    if (cmd === 'record_review') return new Promise<Recorded>((resolve) => (answer = resolve));
    if (cmd === 'leads') return [me];
    if (cmd === 'review_history') return [];
  });
  return { asked, answer: (r: Recorded) => answer(r) };
}

const open = async () => {
  render(Review, { me, week: null, leadId: null, onopen: () => undefined });
  await screen.findByRole('heading', { name: 'Weekly review: week 49' });
};

// Every answer the mocked core gives is settled by promises alone, so one macrotask later
// all of them have run.
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const outcomes = () => screen.getAllByTestId('outcome').map((o) => o.textContent);

/** "N" on this week's first case, then the previous week shown before the core answers. */
async function pressNThenGoBackAWeek() {
  await open();
  await fireEvent.keyDown(window, { key: 'n' });
  await fireEvent.click(screen.getByRole('button', { name: 'Previous week' }));
  await screen.findByRole('heading', { name: 'Weekly review: week 48' });
}

it('reads the week’s list once when it is opened', async () => {
  const { asked } = core();
  await open();
  await tick();
  await settled();
  expect(asked).toEqual([null]);
});

it('leaves another week’s list alone when an outcome arrives after the lead moved to it', async () => {
  const { answer } = core();
  await pressNThenGoBackAWeek();

  answer({ outcome: 'no_change', note: '', recordedAt });
  await settled();

  expect(outcomes()).toEqual(['Not reviewed', 'Not reviewed']);
  expect(screen.getByTestId('review-status').textContent).toContain('reviewed 0 of 2 cases');
});

it('shows an outcome that arrives after the same week’s list was read again', async () => {
  const { answer } = core();
  await pressNThenGoBackAWeek();
  await fireEvent.click(screen.getByRole('button', { name: 'This week' }));
  await screen.findByRole('heading', { name: 'Weekly review: week 49' });

  answer({ outcome: 'no_change', note: '', recordedAt });

  expect(await screen.findByText('Reviewed: no change')).toBeTruthy();
  expect(outcomes()).toEqual(['Reviewed: no change', 'Not reviewed']);
  expect(screen.getByTestId('review-status').textContent).toContain('reviewed 1 of 2 cases');
});

it('offers to mark a reviewed case’s changes as seen, up to the newest it shows', async () => {
  const acked: [number, number][] = [];
  const withChanges: ChecklistItem = {
    ...item(1),
    details: details(1, {
      changes: [
        { id: 41, caseId: 1, reference: 'CP-2026-0001', lead: 'Elaine Martin', kind: 'entry_added', summary: 'Entry added: home visit', at: recordedAt },
        { id: 44, caseId: 1, reference: 'CP-2026-0001', lead: 'Elaine Martin', kind: 'level_changed', summary: 'Level changed', at: recordedAt },
      ],
      changesTotal: 2,
    }),
  };
  mockIPC((cmd, args) => {
    if (cmd === 'checklist') return { ...checklist(null), items: [withChanges, item(2)] };
    if (cmd === 'acknowledge_changes') {
      const a = args as { caseId: number; upTo: number };
      acked.push([a.caseId, a.upTo]);
      return 2;
    }
    if (cmd === 'leads') return [me];
    if (cmd === 'review_history') return [];
  });
  await open();
  await fireEvent.click(screen.getByRole('button', { name: /^Mark these changes as seen/ }));
  await settled();
  expect(acked).toEqual([[1, 44]]);
  expect(screen.getByText('Marked as seen: they are off your dashboard.')).toBeTruthy();
  expect(screen.queryByRole('button', { name: /^Mark these changes as seen/ })).toBeNull();
});

it('shows an item’s newest changes, and all of them when the lead asks', async () => {
  const change = (id: number) => ({
    id,
    caseId: 1,
    reference: 'CP-2026-0001',
    lead: 'Elaine Martin',
    kind: 'entry_added' as const,
    summary: `Entry added: visit ${id}`,
    at: recordedAt,
  });
  const asked: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'checklist') return { ...checklist(null), items: [{ ...item(1), details: details(1, { changes: [change(8), change(9), change(10)], changesTotal: 10 }) }, item(2)] };
    if (cmd === 'checklist_changes') {
      asked.push(args);
      return Array.from({ length: 10 }, (_, i) => change(i + 1));
    }
    if (cmd === 'leads') return [me];
    if (cmd === 'review_history') return [];
  });
  await open();
  expect(screen.getByText(/the newest 3 of 10/)).toBeTruthy();
  expect(screen.queryByText('Entry added: visit 7')).toBeNull();

  await fireEvent.click(screen.getByRole('button', { name: /^Show all 10 changes/ }));
  await settled();
  await tick();

  expect(asked).toEqual([{ week: '2026-W49', leadId: me.id, caseId: 1 }]);
  expect(screen.getByText('Entry added: visit 1')).toBeTruthy();
  expect(screen.queryByText(/the newest 3 of 10/)).toBeNull();
  expect(screen.queryByRole('button', { name: /^Show all/ })).toBeNull();
  expect(document.activeElement?.id).toBe('review-changes-1');
});

it('shows an item’s soonest due actions, and all the open ones when the lead asks', async () => {
  const asked: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'checklist') {
      return { ...checklist(null), items: [{ ...item(1), details: details(1, { actions: [action(1), action(2), action(3)], actionsTotal: 5 }) }, item(2)] };
    }
    // The case's own list: its open actions, soonest first, then the ended ones.
    if (cmd === 'actions_on') {
      asked.push(args);
      return [1, 2, 3, 4, 5].map((id) => action(id)).concat(action(9, 'done'));
    }
    if (cmd === 'leads') return [me];
    if (cmd === 'review_history') return [];
  });
  await open();
  expect(screen.getByText(/Open actions, the soonest due 3 of 5/)).toBeTruthy();
  expect(screen.queryByText('Call the school 4')).toBeNull();

  await fireEvent.click(screen.getByRole('button', { name: /^Show all 5 open actions/ }));
  await settled();
  await tick();

  expect(asked).toEqual([{ on: { kind: 'case', caseId: 1 } }]);
  expect(screen.getByText('Call the school 5')).toBeTruthy();
  expect(screen.queryByText('Call the school 9')).toBeNull();
  expect(screen.queryByText(/the soonest due/)).toBeNull();
  expect(screen.queryByRole('button', { name: /^Show all/ })).toBeNull();
  expect(document.activeElement?.id).toBe('review-actions-1');
});

it('reads the details of the items past the first hundred when the lead reaches them, once', async () => {
  // 150 cases: the core sends the first hundred's details with the list.
  const items = Array.from({ length: 150 }, (_, i) => ({ ...item(i + 1), details: i < 100 ? details(i + 1) : null }));
  const asked: number[][] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'checklist') return { ...checklist(null), items };
    if (cmd === 'checklist_details') {
      const a = args as { week: string; leadId: number; caseIds: number[] };
      asked.push(a.caseIds);
      return a.caseIds.map((id) => details(id, { actionsTotal: 1, actions: [{ ...action(id), what: `Ring the nursery about ${id}` }] }));
    }
    if (cmd === 'leads') return [me];
    if (cmd === 'review_history') return [];
  });
  await open();
  await settled();
  expect(asked).toEqual([]);

  await fireEvent.click(screen.getByRole('button', { name: /^Show \d+ more/ }));
  await settled();
  await tick();
  expect(asked).toEqual([Array.from({ length: 50 }, (_, i) => 101 + i)]);
  expect(screen.getByText('Ring the nursery about 150')).toBeTruthy();
  expect(screen.queryByText(/^Reading what changed/)).toBeNull();
});
