import { type IncomingMessage, type ServerResponse } from 'node:http';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';

import { PinoLogger } from 'nestjs-pino';

import { assignLogFields } from './log-context';
import { createRootLogger } from './root-logger';
import { runWithRequestLog } from './request-log';
import { ServerNestLogger } from './server-nest-logger';

/** A logger at `level` writing JSON lines that the test reads back. */
function recordingRoot(level: 'info' | 'error') {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const root = createRootLogger({ level, format: 'json', destination: stream, env: {} });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { root, lines };
}

/** Just what the request log reads of a request and a response. */
function exchange(headers: Record<string, string> = {}) {
  const request = { method: 'POST', url: '/client/api?command=login&password=Never-Logged-3', headers } as unknown as IncomingMessage;
  const sent: Record<string, string> = {};
  const response = Object.assign(new EventEmitter(), {
    statusCode: 200,
    setHeader: (name: string, value: string) => {
      sent[name] = value;
    },
  }) as unknown as ServerResponse;
  return { request, response, sent };
}

describe('the request log of the API fast route', () => {
  it('tags the request\'s lines with its id and command and ends with pino-http\'s "request completed" line', async () => {
    const { root, lines } = recordingRoot('info');
    const nest = new ServerNestLogger(new PinoLogger({ pinoHttp: { logger: root } }), { pinoHttp: { logger: root } });
    const { request, response, sent } = exchange({ 'x-request-id': 'req-7' });

    await runWithRequestLog(root, request, response, () => {
      assignLogFields({ command: 'login', zone: 'z-1' });
      nest.warn('while serving', 'ApiController');
      response.statusCode = 401;
      response.emit('finish');
      return Promise.resolve();
    });
    response.emit('close');

    expect(sent['X-Request-Id']).toBe('req-7');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'while serving', reqId: 'req-7', command: 'login', zone: 'z-1', context: 'ApiController' }),
      // pino-http's line, field for field: the request's fields, then req, res and responseTime.
      { level: 'info', time: expect.any(String), reqId: 'req-7', command: 'login', zone: 'z-1', req: { method: 'POST', path: '/client/api' }, res: { status: 401 }, responseTime: expect.any(Number), msg: 'request completed' },
    ]);
    expect(JSON.stringify(lines())).not.toContain('Never-Logged-3');
  });

  it('logs a 5xx as "request failed" at warn, with a fresh id when the client sent none that is sane', async () => {
    const { root, lines } = recordingRoot('info');
    const { request, response, sent } = exchange({ 'x-request-id': 'not sane!' });

    await runWithRequestLog(root, request, response, () => {
      response.statusCode = 530;
      response.emit('finish');
      return Promise.resolve();
    });

    expect(sent['X-Request-Id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'request failed', reqId: sent['X-Request-Id'], res: { status: 530 }, err: expect.objectContaining({ message: 'failed with status code 530' }) }),
    ]);
  });

  it('writes nothing, and makes no child logger, when its level writes no such line', async () => {
    const { root, lines } = recordingRoot('error');
    const child = jest.spyOn(root, 'child');
    const { request, response } = exchange();

    await runWithRequestLog(root, request, response, () => {
      assignLogFields({ command: 'listBackups' });
      response.emit('finish');
      return Promise.resolve();
    });

    expect(lines()).toEqual([]);
    expect(child).not.toHaveBeenCalled();
  });
});
