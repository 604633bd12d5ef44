// Types for the local layering rule (plain JS so eslint.config.js can load it without a build step).
import type { Rule } from 'eslint';

export declare const layers: ReadonlyArray<ReadonlyArray<string>>;
declare const mainLayering: Rule.RuleModule;
export default mainLayering;
