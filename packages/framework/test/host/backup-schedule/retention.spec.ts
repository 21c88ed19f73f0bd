import { backupsToPrune } from '../../../src/host/backup-schedule';

const at = (id: string, day: number) => ({ id, date: new Date(Date.UTC(2026, 5, day)) });

describe('backupsToPrune (maxbackups retention)', () => {
  it('deletes the oldest good backups beyond maxbackups', () => {
    const good = [at('3', 3), at('1', 1), at('4', 4), at('2', 2)];
    expect(backupsToPrune(good, 2).map((b) => b.id)).toEqual(['1', '2']);
  });

  it('keeps everything with maxbackups 0 (CloudStack: no retention)', () => {
    expect(backupsToPrune([at('1', 1), at('2', 2)], 0)).toEqual([]);
  });

  it('never deletes the last good backup', () => {
    expect(backupsToPrune([at('1', 1)], 1)).toEqual([]);
    expect(backupsToPrune([at('1', 1), at('2', 2)], 1).map((b) => b.id)).toEqual(['1']);
  });

  it('breaks ties of equal dates by id, oldest first', () => {
    const sameDay = [at('12', 1), at('11', 1), at('13', 1)];
    expect(backupsToPrune(sameDay, 1).map((b) => b.id)).toEqual(['11', '12']);
  });

  it('failed backups are not passed in, so they neither count nor push out good ones', () => {
    // Three good backups and maxbackups 3: nothing goes, whatever number of failed runs happened.
    expect(backupsToPrune([at('1', 1), at('5', 5), at('9', 9)], 3)).toEqual([]);
  });
});
