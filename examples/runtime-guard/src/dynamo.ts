import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isolateClient } from '@capsule-guard/dynamodb';
import { RoleAssignmentEntity, TenantEntity } from './entities';

/**
 * The service's one document client. Every request it sends is checked against the capsule bound
 * by runInCapsule: the entities say which table is isolated (RoleAssignmentEntity), which GSI it
 * has (gsi1, keyed by the attribute gsi1pk), and which keys are platform-wide (PLATFORM#TENANT#…).
 */
export function createDocumentClient(config: DynamoDBClientConfig): DynamoDBDocumentClient {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(config));
  return isolateClient(client, { entities: [RoleAssignmentEntity, TenantEntity] });
}
