import { runInCapsule } from '@capsule-guard/dynamodb';
import type { CapsuleId, TenantId } from './entities';
import type { RoleAssignment, RoleRepository } from './roles';

/** What authentication established about a request; never taken from the request body. */
export interface RequestContext {
  readonly tenantId: TenantId;
  readonly capsuleId: CapsuleId;
}

/**
 * The service layer: each request runs in its caller's capsule, so every DynamoDB request made
 * while serving it, however deep, is held to that capsule.
 */
export class RoleService {
  constructor(private readonly roles: RoleRepository) {}

  assign(context: RequestContext, assignment: RoleAssignment): Promise<void> {
    return runInCapsule(context, () => this.roles.save(assignment));
  }

  rolesOf(context: RequestContext, email: string): Promise<RoleAssignment[]> {
    return runInCapsule(context, () => this.roles.findByEmail(email));
  }

  roleByKey(context: RequestContext, pk: string): Promise<RoleAssignment | undefined> {
    return runInCapsule(context, () => this.roles.getByKey(pk));
  }
}
