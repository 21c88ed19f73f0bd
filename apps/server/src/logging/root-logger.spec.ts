import { PassThrough } from 'node:stream';

import { createRootLogger } from './root-logger';

/** A destination that records what the logger wrote; `isTTY` as a terminal would set it. */
function recorder(isTTY: boolean): { stream: PassThrough & { isTTY?: boolean }; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY });
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return { stream, text: () => chunks.join('') };
}

describe('the root logger', () => {
  it('writes one JSON object per line with level, time, context and fields, secrets redacted', () => {
    const out = recorder(false);
    const logger = createRootLogger({ level: 'info', destination: out.stream, env: {} });

    logger.child({ reqId: 'r-1', command: 'createBackup' }).info(
      { context: 'Provider:veeam', zone: 'z1', password: 'hunter2', nested: { secretKey: 's3' } },
      'login failed',
    );
    logger.debug('not at info');

    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      reqId: 'r-1',
      command: 'createBackup',
      context: 'Provider:veeam',
      zone: 'z1',
      password: '[REDACTED]',
      nested: { secretKey: '[REDACTED]' },
      msg: 'login failed',
    });
    expect(out.text()).not.toContain('hunter2');
  });

  it('is readable and coloured on a terminal, and never coloured elsewhere or with NO_COLOR', () => {
    const terminal = recorder(true);
    const noColor = recorder(true);
    const pipe = recorder(false);
    createRootLogger({ level: 'info', destination: terminal.stream, env: {} }).info({ context: 'Server' }, 'Listening');
    createRootLogger({ level: 'info', destination: noColor.stream, env: { NO_COLOR: '1' } }).info({ context: 'Server' }, 'Listening');
    createRootLogger({ level: 'info', format: 'pretty', destination: pipe.stream, env: {} }).info({ context: 'Server' }, 'Listening');

    // eslint-disable-next-line no-control-regex
    const escape = /\u001b\[/;
    expect(terminal.text()).toMatch(escape);
    expect(terminal.text()).toContain('[Server] Listening');
    for (const plain of [noColor.text(), pipe.text()]) {
      expect(plain).not.toMatch(escape);
      expect(plain).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] INFO: \[Server\] Listening\n$/);
    }
  });
});
