import { buildKeys } from '@capsule-guard/core';
import { AccessEntity } from './access';
import type { CapsuleId, PrincipalId, TenantId } from './ids';

/** The scope every request of this service runs in. */
export interface Scope {
  readonly tenantId: TenantId;
  readonly capsuleId: CapsuleId;
}

/** A DynamoDB query, as the repository hands it to the client. */
export interface KeyQuery {
  readonly TableName: string;
  readonly IndexName?: string;
  readonly KeyConditionExpression: string;
  readonly ExpressionAttributeValues: Record<string, string>;
}

/**
 * Repository code builds the keys it queries with. `buildKeys` reads them from the entity's
 * declaration, which the build checks; a key still written by hand carries both segments.
 */
export class AccessRepository {
  grantsOf(scope: Scope, principalId: PrincipalId): KeyQuery {
    const { pk } = buildKeys(AccessEntity, { ...scope, principalId, resource: '' });
    return { TableName: 'platform_data', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } };
  }

  holdersOf(scope: Scope, resource: string): KeyQuery {
    const pk = `TENANT#${scope.tenantId}#CAPSULE#${scope.capsuleId}#RESOURCE#${resource}`;
    return {
      TableName: 'platform_data',
      IndexName: 'byResource',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    };
  }
}
