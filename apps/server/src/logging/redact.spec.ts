import { Logger } from '@nestjs/common';

import { createProviderLogger } from './nest-provider-logger';
import { redact } from './redact';

describe('redact', () => {
  it('hides sensitive fields at any depth and keeps the rest', () => {
    expect(
      redact({
        zone: 'z1',
        password: 'p',
        apiKey: 'k',
        nested: { clientSecret: 's', authToken: 't', credentials: { user: 'u' }, count: 2 },
        list: [{ passwd: 'x', name: 'n' }],
      }),
    ).toEqual({
      zone: 'z1',
      password: '[REDACTED]',
      apiKey: '[REDACTED]',
      nested: { clientSecret: '[REDACTED]', authToken: '[REDACTED]', credentials: '[REDACTED]', count: 2 },
      list: [{ passwd: '[REDACTED]', name: 'n' }],
    });
  });

  it('logs errors by name and message only', () => {
    expect(redact({ cause: new TypeError('boom') })).toEqual({ cause: { name: 'TypeError', message: 'boom' } });
  });
});

describe('createProviderLogger', () => {
  it('writes the message with redacted metadata as fields to the Nest logger', () => {
    const lines: string[] = [];
    const nest = new Logger('test');
    jest.spyOn(nest, 'warn').mockImplementation((fields: unknown, message: unknown) => {
      lines.push(`${String(message)} ${JSON.stringify(fields)}`);
    });
    createProviderLogger(nest, { provider: 'veeam' }).warn('login failed', { username: 'admin', password: 'pw' });
    expect(lines).toEqual(['login failed {"provider":"veeam","username":"admin","password":"[REDACTED]"}']);
  });
});
