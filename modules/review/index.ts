/**
 * `trailwatch review`: reads the JSON of saved Terraform plans (`terraform show -json`) and says what
 * they change for security, as Markdown for a pull-request comment. No cdktf, no config: it reads
 * plans only, so it runs in any pipeline on any plan of a trailwatch stack.
 */
export { type Finding, type Gate, GATES, parseGates } from './finding';
export { evaluateGates } from './gate';
export { type Plan, PlanFormatError, readPlan } from './plan';
export { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, renderComment } from './render';
export { type StackReview, reviewPlan } from './review';
