import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { buildKeys } from '@capsule-guard/core';
import { currentCapsule } from '@capsule-guard/dynamodb';
import { RoleAssignmentEntity, TABLE } from './entities';

export interface RoleAssignment {
  readonly id: string;
  readonly email: string;
  readonly role: string;
}

/** Keys always come from the current scope, never from a caller's argument. */
function keysOf(id: string, email: string) {
  const scope = currentCapsule();
  if (!scope) throw new Error('RoleRepository is used outside runInCapsule');
  return buildKeys(RoleAssignmentEntity, { ...scope, id, email });
}

export class RoleRepository {
  constructor(private readonly client: DynamoDBDocumentClient) {}

  async save(assignment: RoleAssignment): Promise<void> {
    const { pk, sk, gsi } = keysOf(assignment.id, assignment.email);
    const Item = { pk, sk, gsi1pk: gsi.gsi1.pk, gsi1sk: gsi.gsi1.sk, ...assignment };
    await this.client.send(new PutCommand({ TableName: TABLE, Item }));
  }

  async findByEmail(email: string): Promise<RoleAssignment[]> {
    const { pk } = keysOf('-', email).gsi.gsi1;
    const output = await this.client.send(
      new QueryCommand({ TableName: TABLE, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': pk } }),
    );
    return (output.Items ?? []) as RoleAssignment[];
  }

  /** Reads by a stored key, e.g. one taken from a URL or a message: the guard checks it is this capsule's. */
  async getByKey(pk: string): Promise<RoleAssignment | undefined> {
    const output = await this.client.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'METADATA' } }));
    return output.Item as RoleAssignment | undefined;
  }
}
