import { createRule } from '../create-rule';

export default createRule('valid-ignore-comments');
