import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadBundle } from './load-bundle';

describe('loadBundle', () => {
  let dir: string;
  let bundle: string;
  const writeBundle = (answer: string, seconds: number) => {
    writeFileSync(bundle, `const { sep } = require('node:path'); exports.answer = ${JSON.stringify(answer)}; exports.where = __dirname + sep; exports.fn = () => 6 * 7;`);
    utimesSync(bundle, seconds, seconds);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'csbr-bundle-'));
    bundle = join(dir, 'start.js');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a CommonJS bundle as require would, and then from the code cache it wrote', () => {
    writeBundle('first', 1_000_000);
    const cold = loadBundle(bundle);
    expect(cold.fromCache).toBe(false);
    expect(cold.exports).toMatchObject({ answer: 'first', where: `${dir}/` });
    cold.writeCache();
    utimesSync(`${bundle}.cache`, 1_000_000, 1_000_000);

    const warm = loadBundle(bundle);
    expect(warm.fromCache).toBe(true);
    expect((warm.exports.fn as () => number)()).toBe(42);
  });

  it('never uses a cache older than the bundle, even when V8 would take it', () => {
    writeBundle('first', 1_000_000);
    loadBundle(bundle).writeCache();
    utimesSync(`${bundle}.cache`, 1_000_000, 1_000_000);
    // Same length, other code: V8 checks little more than the length.
    writeBundle('other', 1_000_100);

    const loaded = loadBundle(bundle);
    expect(loaded.fromCache).toBe(false);
    expect(loaded.exports.answer).toBe('other');
  });

  it('compiles as usual without a cache', () => {
    writeBundle('only', 1_000_000);
    expect(loadBundle(bundle)).toMatchObject({ fromCache: false, exports: { answer: 'only' } });
  });
});
