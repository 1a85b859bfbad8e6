import { buildKeys } from '@capsule-guard/core';
import type { RevenueScheduleEntryEntity } from './revenue-schedule';

/**
 * The DynamoDB item for one revenue schedule entry. Its keys come from the entity's own
 * templates, which the build already checked, and buildKeys refuses values that could forge a
 * segment (a capsuleId of 'PRODUS#CONTRACT#x'), so the item cannot land in another capsule.
 */
export function revenueScheduleItem(entry: RevenueScheduleEntryEntity): Record<string, unknown> {
  const keys = buildKeys(entry);
  const byPeriod = keys.gsi.byPeriod;
  return { ...entry, PK: keys.pk, SK: keys.sk, GSI1PK: byPeriod.pk, GSI1SK: byPeriod.sk };
}
