import type { CapsuleId, PrincipalId, TenantId } from './ids';

/** A DynamoDB query, as the repository hands it to the client. */
export interface KeyQuery {
  readonly TableName: string;
  readonly IndexName?: string;
  readonly KeyConditionExpression: string;
  readonly ExpressionAttributeValues: Record<string, string>;
}

// LEAK: a key helper of the kind that had 127 call sites. It was written before capsules
// existed and never learnt the capsule segment, so every capsule of a tenant shares the partition.
export function gsi1pkForResource(tenantId: TenantId, resource: string): string {
  return `TENANT#${tenantId}#RESOURCE#${resource}`;
}

export class AccessRepository {
  // LEAK: the entity's declaration was fixed, but this query still builds the old key by hand,
  // so it reads the grants of every capsule of the tenant (test data in production reports).
  grantsOf(tenantId: TenantId, _capsuleId: CapsuleId, principalId: PrincipalId): KeyQuery {
    return {
      TableName: 'platform_data',
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'TENANT#' + tenantId + '#ACCESS#' + principalId },
    };
  }

  holdersOf(tenantId: TenantId, resource: string): KeyQuery {
    return {
      TableName: 'platform_data',
      IndexName: 'byResource',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1pkForResource(tenantId, resource) },
    };
  }
}
