import type pg from 'pg';

/**
 * Issue 17: ties the database to the portal profile it was started with. The first start records
 * `profile`; a later start under another profile is refused with what to do, before anything is
 * served or projected (a database of one portal run under another's rules would, for example, hold
 * two organizations with one identifier where the other forbids it).
 */
export async function claimDatabase(pool: pg.Pool, profile: string): Promise<void> {
  await pool.query('INSERT INTO portal_profile (profile) VALUES ($1) ON CONFLICT (singleton) DO NOTHING', [profile]);
  const { rows } = await pool.query<{ profile: string }>('SELECT profile FROM portal_profile');
  const recorded = rows[0]?.profile;
  if (recorded !== profile) {
    throw new Error(
      `this database was started with the profile "${recorded}", not "${profile}": start with --profile ${recorded} (PROCURA_PROFILE=${recorded}), ` +
        `or give this profile a database of its own (DATABASE_URL; npm start keeps one per profile)`,
    );
  }
}
