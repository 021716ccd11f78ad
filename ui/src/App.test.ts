import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import App from './App.svelte';
import { emit } from '@tauri-apps/api/event';
import { server } from './lib/server-news.svelte';

afterEach(() => {
  cleanup();
  clearMocks();
});

// The app listens for the server's news (shared mode): events are mocked as Tauri does them.
const mockApp = (handler: Parameters<typeof mockIPC>[0]) => mockIPC(handler, { shouldMockEvents: true });

const notSetUp = { state: 'not_set_up' };

it('goes from the welcome screen to the data folder the core reports', async () => {
  mockApp((cmd) => {
    if (cmd === 'app_view') return notSetUp;
    if (cmd === 'app_info') return { productName: 'CP Tracker', version: '0.1.0', dataDir: '/srv/cp-data', demo: false };
  });
  render(App);
  expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Welcome to CP Tracker');

  await fireEvent.click(screen.getByRole('button', { name: /keep records on this laptop/i }));

  expect(await screen.findByText('/srv/cp-data')).toBeTruthy();
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Where your records will be kept');
});

it('shows the error summary when the core cannot find the data folder', async () => {
  mockApp((cmd) => {
    if (cmd === 'app_view') return notSetUp;
    throw { code: 'data_folder', message: 'CP Tracker cannot find this computer’s application data folder.' };
  });
  render(App);
  await fireEvent.click(await screen.findByRole('button', { name: /keep records on this laptop/i }));
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toContain('There is a problem');
  expect(alert.textContent).toContain('cannot find this computer’s application data folder');
});

it('puts each field error in the summary, linked, and beside its field', async () => {
  mockApp((cmd) => {
    if (cmd === 'app_view') return notSetUp;
    if (cmd === 'app_info') return { productName: 'CP Tracker', version: '0.1.0', dataDir: '/d', demo: false };
    if (cmd === 'check_setup')
      throw {
        code: 'invalid',
        message: 'Enter the name of your organisation',
        fields: [
          { field: 'organisation', message: 'Enter the name of your organisation' },
          { field: 'leads.0.passphrase', message: 'Passphrase must be 12 characters or more' },
        ],
      };
  });
  render(App);
  await fireEvent.click(await screen.findByRole('button', { name: /keep records on this laptop/i }));
  await fireEvent.click(await screen.findByRole('button', { name: 'Continue' }));
  await fireEvent.click(await screen.findByRole('button', { name: 'Continue' }));

  const summary = await screen.findByRole('alert');
  const link = screen.getByRole('link', { name: 'Enter the name of your organisation' });
  expect(summary.contains(link)).toBe(true);
  expect(link.getAttribute('href')).toBe('#organisation');
  const field = screen.getByLabelText('Name of your organisation');
  expect(field.getAttribute('aria-invalid')).toBe('true');
  expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
    'Enter the name of your organisation',
  );
  await fireEvent.click(link);
  expect(document.activeElement).toBe(field);
});

it('shows a wrong passphrase beside the passphrase field', async () => {
  mockApp((cmd) => {
    if (cmd === 'app_view')
      return { state: 'signed_out', organisation: 'Barton Hill', leads: [{ id: 1, name: 'Joanna Holmes', role: 'DSL', active: true }] };
    if (cmd === 'sign_in')
      throw {
        code: 'sign_in_refused',
        message: 'The passphrase is not right. Check it and try again.',
        fields: [{ field: 'passphrase', message: 'The passphrase is not right. Check it and try again.' }],
      };
  });
  render(App);
  await fireEvent.input(await screen.findByLabelText('Passphrase'), { target: { value: 'wrong one here' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  expect((await screen.findByRole('alert')).textContent).toContain('The passphrase is not right');
  await waitFor(() => expect((screen.getByLabelText('Passphrase') as HTMLInputElement).value).toBe(''));
});

it('connects to the organisation\'s database from the welcome screen, with a refusal beside its field', async () => {
  let sent: unknown = null;
  let attempts = 0;
  mockApp((cmd, args) => {
    if (cmd === 'app_view') return notSetUp;
    if (cmd === 'join_organisation') {
      sent = (args as { input: unknown }).input;
      attempts += 1;
      if (attempts === 1)
        throw {
          code: 'invalid',
          message: 'Your organisation’s database did not accept this enrolment code.',
          fields: [{ field: 'code', message: 'Your organisation’s database did not accept this enrolment code.' }],
        };
      return { state: 'signed_out', organisation: 'Riverside', leads: [{ id: 1, name: 'Joanna Holmes', role: 'DSL', active: true }] };
    }
  });
  render(App);
  await fireEvent.click(await screen.findByRole('button', { name: /connect to my organisation's database/i }));
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Connect to your organisation\'s database');
  await fireEvent.input(screen.getByLabelText('Server address'), { target: { value: 'db.example.org' } });
  await fireEvent.input(screen.getByLabelText('Database name'), { target: { value: 'cp_records' } });
  await fireEvent.input(screen.getByLabelText('This laptop\'s enrolment code'), { target: { value: '7-K3QF-9XMB-2WPR-HT6C-N4DZ' } });
  await fireEvent.click(screen.getByRole('button', { name: 'Connect this laptop' }));

  const summary = await screen.findByRole('alert');
  expect(summary.contains(screen.getByRole('link', { name: /did not accept this enrolment code/ }))).toBe(true);
  const code = screen.getByLabelText('This laptop\'s enrolment code');
  expect(code.getAttribute('aria-invalid')).toBe('true');
  expect(sent).toEqual({ server: 'db.example.org', database: 'cp_records', code: '7-K3QF-9XMB-2WPR-HT6C-N4DZ', caCertificate: '' });

  await fireEvent.click(screen.getByRole('button', { name: 'Connect this laptop' }));
  await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).not.toContain('Connect to'));
  expect(attempts).toBe(2);
});

it('shows the banner while the organisation\'s database cannot be reached, and takes it away when it can', async () => {
  mockApp((cmd) => {
    if (cmd === 'app_view') return { state: 'signed_out', organisation: 'Riverside', leads: [] };
  });
  render(App);
  await screen.findByRole('heading', { level: 1 });
  expect(screen.queryByTestId('server-unreachable')).toBeNull();
  await emit('server-news', 'unreachable');
  const banner = await screen.findByTestId('server-unreachable');
  expect(banner.getAttribute('role')).toBe('alert');
  expect(banner.textContent).toContain('cannot reach your organisation\'s database');
  const before = server.changes;
  await emit('server-news', 'reachable');
  await waitFor(() => expect(screen.queryByTestId('server-unreachable')).toBeNull());
  expect(server.changes).toBe(before + 1);
});

it('says DEMO DATA on every screen of a demo folder, before sign-in too, and not otherwise', async () => {
  for (const demo of [true, false]) {
    mockApp((cmd) => {
      if (cmd === 'app_view') return { state: 'signed_out', organisation: 'Demo Centre', leads: [] };
      if (cmd === 'app_info') return { productName: 'CP Tracker', version: '0.1.0', dataDir: '/d', demo };
    });
    render(App);
    await screen.findByRole('heading', { level: 1 });
    await waitFor(() => expect(screen.queryByTestId('demo-banner') !== null).toBe(demo));
    // The marking is read as words, not from an aria-label on a span.
    expect(document.querySelector('.marking')?.getAttribute('aria-label')).toBeNull();
    expect(document.querySelector('.marking')?.textContent).toBe('Protective marking: OFFICIAL-SENSITIVE');
    cleanup();
    clearMocks();
  }
});
