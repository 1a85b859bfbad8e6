import { createRule } from '../create-rule';

export default createRule('explicit-route-params');
