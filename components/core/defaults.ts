/**
 * Tenantry's own defaults: numbers the documents do not give, chosen here once for every cloud.
 * Each is a parameter of the components that use it; the README lists them as Tenantry's choices.
 */

/** Alarm evaluation period in seconds (the documents give thresholds, not periods). */
export const DEFAULT_ALARM_PERIOD_SECONDS = 300;
/** Consecutive periods over a threshold before an alarm fires. */
export const DEFAULT_ALARM_EVALUATION_PERIODS = 1;
/** Database free-storage alarm: below this percentage of the allocated storage. */
export const DEFAULT_FREE_STORAGE_PERCENT = 10;
/** The least (and default) days of automated database backups ("kept >= 7 days"). */
export const MIN_BACKUP_RETENTION_DAYS = 7;
/** Length of generated database passwords. */
export const DATABASE_PASSWORD_LENGTH = 32;
/** Automatic rotation of tenants' KMS keys, in days (AWS rotates yearly). */
export const KEY_ROTATION_DAYS = 365;
