import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { type Caller } from '@csbr/framework/host';

import { ACTION_EVENT_WRITER } from '../../src/api/ports/api-tokens';
import { type ActionEventWriter, type CommandActionEvent } from '../../src/api/ports/action-event-writer';
import { EventEntity } from '../../src/database/entities';
import { buildTypeOrmOptions } from '../../src/database/typeorm-options';
import { DbActionEventWriter, EventsModule } from '../../src/events';
import { AccountFixtures } from '../accounts/support/account-fixtures';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { callerOf } from '../jobs/support/callers';
import { TestClock } from '../jobs/support/test-clock';
import { captureLogs, type CapturedLogs } from '../support/captured-logs';

const STARTED_AT = new Date('2025-04-01T12:00:00Z');
const ENDED_AT = new Date('2025-04-01T12:00:30Z');


// The warnings and errors these tests provoke are captured (and asserted where they are the point), not
// printed. Kept until the file ends (jest gives each file its own Nest Logger): work a test abandons on
// purpose may still log after the last test.
let logs: CapturedLogs;
beforeAll(() => {
  logs = captureLogs();
});

describe('DbActionEventWriter on MariaDB', () => {
  let database: MigratedDatabase;
  let clock: TestClock;
  let writer: DbActionEventWriter;
  let caller: Caller;

  beforeAll(async () => {
    database = await openMigratedDatabase();
    const fixtures = new AccountFixtures(database.dataSource.manager);
    const root = await fixtures.domain('ROOT', '/');
    const sales = await fixtures.domain('sales', '/sales/', { parent: root });
    caller = callerOf(await fixtures.user('alice', await fixtures.account('sales-users', sales)));
  });

  beforeEach(async () => {
    await database.dataSource.manager.clear(EventEntity);
    clock = new TestClock(STARTED_AT);
    writer = new DbActionEventWriter(database.dataSource, clock);
  });

  afterAll(async () => {
    await database?.close();
  });

  function backupEvent(jobId: string | undefined): CommandActionEvent {
    return { type: 'BACKUP.CREATE', description: 'creating backup of VM', command: 'createBackup', caller, jobId };
  }

  function storedEvents(): Promise<EventEntity[]> {
    return database.dataSource.manager.find(EventEntity, { order: { id: 'ASC' } });
  }

  it('records a job\u2019s start and its successful completion, linked by start_id', async () => {
    const event = backupEvent('job-1');

    await writer.started(event);
    clock.set(ENDED_AT);
    await writer.completed(event);

    const [started, completed] = await storedEvents();
    const owner = { userId: caller.userId, accountId: caller.accountId, domainId: caller.domainId };
    expect(started).toMatchObject({
      ...owner,
      type: 'BACKUP.CREATE',
      state: 'Started',
      level: 'INFO',
      description: 'Starting job for creating backup of VM',
      startId: '0',
      resourceId: null,
      resourceType: null,
      created: STARTED_AT,
      archived: false,
      display: true,
    });
    expect(started?.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(completed).toMatchObject({
      ...owner,
      type: 'BACKUP.CREATE',
      state: 'Completed',
      level: 'INFO',
      description: 'Successfully completed creating backup of VM',
      startId: started?.id,
      created: ENDED_AT,
    });
  });

  it('records a failure as a Completed ERROR event with the error text', async () => {
    const event = backupEvent('job-2');

    await writer.started(event);
    await writer.failed({ ...event, errorText: 'Backup provider is not reachable' });

    const [started, failed] = await storedEvents();
    expect(failed).toMatchObject({
      state: 'Completed',
      level: 'ERROR',
      description: 'Error while creating backup of VM: Backup provider is not reachable',
      startId: started?.id,
    });
  });

  it('keeps the start ids of concurrent jobs apart', async () => {
    await writer.started(backupEvent('job-a'));
    await writer.started(backupEvent('job-b'));
    await writer.completed(backupEvent('job-b'));
    await writer.failed({ ...backupEvent('job-a'), errorText: 'boom' });

    const [startedA, startedB, completedB, failedA] = await storedEvents();
    expect(completedB?.startId).toBe(startedB?.id);
    expect(failedA?.startId).toBe(startedA?.id);
  });

  it('writes only the Completed event of a synchronous command, as CloudStack does', async () => {
    const event: CommandActionEvent = {
      type: 'BACKUP.SCHEDULE.CONFIGURE',
      description: 'configuring VM backup schedule',
      command: 'createBackupSchedule',
      caller,
    };

    await writer.started(event);
    await writer.completed(event);

    const events = await storedEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      state: 'Completed',
      level: 'INFO',
      description: 'Successfully completed configuring VM backup schedule',
      startId: '0',
    });
  });

  it('cuts descriptions to the column size', async () => {
    await writer.failed({ ...backupEvent(undefined), errorText: 'x'.repeat(2000) });

    const [failed] = await storedEvents();
    expect(failed?.description).toHaveLength(1024);
    expect(failed?.description.startsWith('Error while creating backup of VM: xxx')).toBe(true);
  });

  it('never fails the command when a row cannot be written', async () => {
    // `event.type` is varchar(50) (CloudStack 4.22): MariaDB's strict mode refuses the insert.
    const unwritable: CommandActionEvent = { ...backupEvent('job-3'), type: 'T'.repeat(60) };

    await expect(writer.started(unwritable)).resolves.toBeUndefined();
    await expect(writer.completed(unwritable)).resolves.toBeUndefined();
    await expect(writer.failed({ ...unwritable, errorText: 'boom' })).resolves.toBeUndefined();
    await expect(storedEvents()).resolves.toEqual([]);
    // Said in the log instead.
    expect(logs.texts('warn')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Could not record the Started T+ event of createBackup \(job job-3\): Data too long/)]),
    );
  });

  it('is what EventsModule provides as the action event writer', async () => {
    @Module({
      imports: [TypeOrmModule.forRoot({ ...buildTypeOrmOptions({ kind: 'mysql', url: database.url }), retryAttempts: 0 }), EventsModule],
    })
    class EventsTestAppModule {}
    const app: INestApplicationContext = await NestFactory.createApplicationContext(EventsTestAppModule, { logger: false });
    try {
      const provided = app.get<ActionEventWriter>(ACTION_EVENT_WRITER);
      expect(provided).toBeInstanceOf(DbActionEventWriter);

      await provided.completed(backupEvent(undefined));

      await expect(storedEvents()).resolves.toEqual([expect.objectContaining({ state: 'Completed', type: 'BACKUP.CREATE' })]);
    } finally {
      await app.close();
    }
  });
});
