import { Logger } from '@nestjs/common';
import { BackupError } from '@csbr/framework';
import { ApiError } from './api-error';
import { toApiError } from './cloudstack-error.mapper';

describe('toApiError', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('keeps an ApiError as it is', () => {
    const error = new ApiError(432, 'Unknown API command: x');
    expect(toApiError(error)).toBe(error);
  });

  it('maps INVALID_PARAMETER to 431/4350 and PERMISSION_DENIED to 531/4365 with the message', () => {
    expect(toApiError(new BackupError('INVALID_PARAMETER', 'Invalid zone'))).toMatchObject({
      errorCode: 431,
      csErrorCode: 4350,
      message: 'Invalid zone',
    });
    expect(toApiError(new BackupError('PERMISSION_DENIED', 'Not yours'))).toMatchObject({
      errorCode: 531,
      csErrorCode: 4365,
      message: 'Not yours',
    });
  });

  it('maps every other BackupError to 530/9999 with its message', () => {
    expect(toApiError(new BackupError('NOT_SUPPORTED', 'Dummy plugin does not support this feature'))).toMatchObject({
      errorCode: 530,
      csErrorCode: 9999,
      message: 'Dummy plugin does not support this feature',
    });
  });

  it('hides the details of any other error behind 530/4250 and the generic message', () => {
    const mapped = toApiError(new TypeError('Cannot read properties of undefined (reading "password")'));
    expect(mapped).toMatchObject({
      errorCode: 530,
      csErrorCode: 4250,
      message: 'Internal error executing command, please contact your system administrator',
    });
    expect(toApiError('a string')).toMatchObject({ errorCode: 530, csErrorCode: 4250 });
  });

  it('bounds the text of every error, keeping the code, cserrorcode and uuid list', () => {
    const echoed = new ApiError(431, `Invalid parameter id value=${'a'.repeat(50_000)}`, {
      csErrorCode: 9999,
      uuidList: [{ uuid: 'u-1' }],
    });
    const mapped = toApiError(echoed);
    expect(mapped.message.length).toBeLessThanOrEqual(1024);
    expect(mapped).toMatchObject({ errorCode: 431, csErrorCode: 9999, uuidList: [{ uuid: 'u-1' }] });
    expect(toApiError(new BackupError('INVALID_PARAMETER', 'b'.repeat(5_000))).message.length).toBeLessThanOrEqual(1024);
  });
});
