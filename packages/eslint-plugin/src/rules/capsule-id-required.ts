import { createRule } from '../create-rule';

export default createRule('capsule-id-required');
