import { nextDataDeviceId } from './device-ids';

describe('nextDataDeviceId', () => {
  it('takes the lowest free id from 1, never 0 (ROOT) nor 3 (reserved)', () => {
    expect(nextDataDeviceId(new Set([0]))).toBe(1);
    expect(nextDataDeviceId(new Set([0, 1]))).toBe(2);
    expect(nextDataDeviceId(new Set([0, 1, 2]))).toBe(4);
    expect(nextDataDeviceId(new Set([0, 2, 4]))).toBe(1);
  });
});
