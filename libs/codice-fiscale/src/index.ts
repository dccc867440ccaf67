// In-house codice fiscale validator (see README for why not an npm package). Identity rule: a code is
// identified by its normalized form as written; omocodic variants are different people.
export type {
  CfAccepted,
  CfKind,
  CfRejected,
  CfRejection,
  CfResult,
  PersonalCfData,
  ValidateCfOptions,
} from './types';
export { normalizeCf } from './normalize';
export { personalCheckChar, numericCheckDigit } from './check';
export { deomocode, omocodicVariant } from './omocodia';
export { validateCf, isValidCf, CF_REJECTION_MESSAGES } from './validate';
export { encodePersonalCf, generateNumericCf } from './encode';
