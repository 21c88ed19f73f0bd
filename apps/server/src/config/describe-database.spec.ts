import { describeDatabase } from './describe-database';

describe('describeDatabase', () => {
  it('never shows the password of DATABASE_URL', () => {
    const text = describeDatabase({ kind: 'mysql', url: 'mysql://cloud:s3cret@db.example:3306/cloud' });

    expect(text).toBe('MySQL/MariaDB cloud@db.example:3306/cloud');
    expect(text).not.toContain('s3cret');
  });

  it('names the embedded database file', () => {
    expect(describeDatabase({ kind: 'embedded', file: '/data/csbr.sqlite' })).toContain('/data/csbr.sqlite');
  });
});
