import { afterEach, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { AnnualFigures } from '../lib/bindings';
import Statistics from './Statistics.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
const few = { shown: 'fewer_than_five' } as const;
const n = (count: number) => ({ shown: 'exactly', count }) as const;

it('says every figure in words beside its bars, and no small count exactly', async () => {
  const figures: AnnualFigures = {
    from: '2025-09-01', to: '2026-08-31', casesOpened: n(12), casesClosed: few, liveAtEnd: n(9), plansStarted: few,
    decisionsNotToRefer: few, referralsDecided: few, enquiries: n(6), allegations: few, transfersIn: few, filesSent: few,
    filesReceived: few, openByMonth: [{ label: 'Sep 2025', count: n(11) }, { label: 'Oct 2025', count: few }], byLevel: [{ label: 'Concern', count: n(7) }, { label: 'Early help', count: few }],
    bySource: [], byCategory: [], byClosureReason: [], referralsByAgency: [],
    timescales: [{ label: 'Referral → strategy discussion', met: n(8), missed: few }], reviewsByLead: [{ label: 'Lead 1', count: n(40) }],
  };
  const asked: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'annual_figures') {
      asked.push(args);
      return figures;
    }
    return null;
  });
  render(Statistics);
  await settled();
  await settled();
  expect(asked).toHaveLength(1);
  expect(screen.getByTestId('stats-headline').textContent).toContain('Cases opened12');
  const levels = screen.getByTestId('chart-by-level');
  expect(levels.textContent).toContain('Concern 7');
  expect(levels.textContent).toContain('Early help fewer than 5');
  expect(levels.querySelectorAll('rect')).toHaveLength(2);
  expect(levels.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
  const line = screen.getByTestId('chart-open-by-month');
  expect(line.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(2);
  expect(line.textContent).toContain('Oct 2025 fewer than 5');
  const kept = screen.getByTestId('chart-timescales');
  expect(kept.textContent).toContain('Referral → strategy discussion: met in time 8');
  expect(kept.textContent).toContain('Referral → strategy discussion: missed fewer than 5');
});
