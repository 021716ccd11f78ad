import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { ApiFailure, api, toApiFailure } from './api';

afterEach(() => clearMocks());

describe('toApiFailure', () => {
  it('keeps the code and message the core sent', () => {
    const failure = toApiFailure({ code: 'data_folder', message: 'The data folder is read-only.' });
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure.code).toBe('data_folder');
    expect(failure.message).toBe('The data folder is read-only.');
  });

  it('treats an unknown shape as an internal failure with advice', () => {
    const failure = toApiFailure('command app_infoo not found');
    expect(failure.code).toBe('internal');
    expect(failure.message).toMatch(/reopen the app/);
  });

  it('keeps the field errors for the form', () => {
    const failure = toApiFailure({
      code: 'invalid',
      message: 'Enter the name of your organisation',
      fields: [{ field: 'organisation', message: 'Enter the name of your organisation' }],
    });
    expect(failure.fields).toEqual([{ field: 'organisation', message: 'Enter the name of your organisation' }]);
  });
});

describe('api', () => {
  it('calls the app_info command', async () => {
    mockIPC((cmd) => {
      if (cmd === 'app_info') return { productName: 'CP Tracker', version: '9.9.9', dataDir: '/d' };
    });
    await expect(api.appInfo()).resolves.toEqual({
      productName: 'CP Tracker',
      version: '9.9.9',
      dataDir: '/d',
    });
  });

  it('rejects with the typed failure the command returned', async () => {
    mockIPC(() => {
      throw { code: 'data_folder', message: 'Cannot write to the data folder.' };
    });
    await expect(api.appInfo()).rejects.toMatchObject({
      code: 'data_folder',
      message: 'Cannot write to the data folder.',
    });
  });
});
