import { type ApiError } from '../errors/api-error';
import { computePaging } from './compute-paging';

function errorOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (error: unknown) {
    return error as ApiError;
  }
  throw new Error('expected an error');
}

describe('computePaging (BaseListCmd rules)', () => {
  it('returns the first 500 rows without paging parameters', () => {
    expect(computePaging('listThings', undefined, undefined, 500)).toEqual({ offset: 0, limit: 500 });
  });

  it('computes the offset from page and pagesize; page 0 or less is the first page', () => {
    expect(computePaging('listThings', 3, 20, 500)).toEqual({ offset: 40, limit: 20 });
    expect(computePaging('listThings', 0, 20, 500)).toEqual({ offset: 0, limit: 20 });
    expect(computePaging('listThings', 1, 500, 500)).toEqual({ offset: 0, limit: 500 });
  });

  it('treats pagesize=-1 as unlimited, with or without the page parameter missing', () => {
    expect(computePaging('listThings', undefined, -1, 500)).toEqual({ offset: 0 });
  });

  it('requires page and pagesize together (431/9999)', () => {
    expect(errorOf(() => computePaging('listThings', undefined, 10, 500))).toMatchObject({
      errorCode: 431,
      csErrorCode: 9999,
      message: '"page" parameter is required when "pagesize" is specified',
    });
    expect(errorOf(() => computePaging('listThings', 2, undefined, 500))).toMatchObject({
      errorCode: 431,
      csErrorCode: 9999,
      message: '"pagesize" parameter is required when "page" is specified',
    });
  });

  it('refuses a page size over the maximum and a page with pagesize=-1 (431/4350)', () => {
    expect(errorOf(() => computePaging('listThings', 1, 501, 500))).toMatchObject({
      errorCode: 431,
      csErrorCode: 4350,
      message: "Page size can't exceed max allowed page size value: 500",
    });
    expect(errorOf(() => computePaging('listThings', 1, -1, 500))).toMatchObject({
      errorCode: 431,
      csErrorCode: 4350,
      message: "Can't specify page parameter when pagesize is -1 (Unlimited)",
    });
  });

  it('refuses a negative page size other than -1', () => {
    expect(errorOf(() => computePaging('listThings', 1, -5, 500))).toMatchObject({
      errorCode: 431,
      message: 'Unable to execute API command listthings due to invalid value -5 for parameter pagesize',
    });
  });
});
