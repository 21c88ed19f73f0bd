import { type DataSource } from 'typeorm';

/** The MySQL named lock instances take while they migrate and seed. */
const BOOT_LOCK = 'csbr.boot';
/** How long an instance waits for another one to finish migrating and seeding. */
const BOOT_LOCK_WAIT_SECONDS = 300;

/**
 * Runs `work` (migrations, first-start data) while holding a named database lock, so server
 * instances that start together on one MySQL/MariaDB database take turns instead of colliding.
 * The lock lives on one connection held only for the duration of `work`, at boot. The embedded
 * database serves a single instance and needs no lock.
 */
export async function withBootLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type === 'sqljs') return work();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [BOOT_LOCK, BOOT_LOCK_WAIT_SECONDS])) as {
      got: number | string | null;
    }[];
    if (Number(row?.got) !== 1) {
      throw new Error(
        `Another server instance held the database's boot lock for ${BOOT_LOCK_WAIT_SECONDS} s; is one stuck migrating?`,
      );
    }
    try {
      return await work();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [BOOT_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
