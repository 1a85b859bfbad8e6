import { createRule } from '../create-rule';

export default createRule('isolation-scope-required');
