import { createRule } from '../create-rule';

export default createRule('isolated-key-literals');
