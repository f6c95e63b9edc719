/**
 * Built-in validators, grouped under `v`.
 *
 * @module
 */
import { each, sizeAtLeast, sizeAtMost, sizeBetween } from "./collection.js";
import { custom } from "./custom.js";
import { atLeast, atMost, between } from "./number.js";
import { atLeastOneOf, conflictsWith, exactlyOneOf, requiredWith } from "./object.js";
import { lengthAtLeast, lengthAtMost, lengthBetween, matches, noneOf, oneOf } from "./string.js";

export type { CustomRequest, CustomResult } from "./custom.js";
export type { NumberLimit } from "./number.js";

/**
 * Validators: attribute validators (`v.lengthBetween`, `v.matches`, `v.oneOf`, `v.between`,
 * `v.sizeBetween`, `v.each`, `v.custom`, ...) and object validators for schemas and blocks
 * (`v.conflictsWith`, `v.exactlyOneOf`, `v.atLeastOneOf`, `v.requiredWith`).
 */
export const v = Object.freeze({
  lengthBetween,
  lengthAtLeast,
  lengthAtMost,
  matches,
  oneOf,
  noneOf,
  between,
  atLeast,
  atMost,
  sizeBetween,
  sizeAtLeast,
  sizeAtMost,
  each,
  custom,
  conflictsWith,
  exactlyOneOf,
  atLeastOneOf,
  requiredWith,
});
