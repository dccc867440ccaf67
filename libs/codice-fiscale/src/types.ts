export type CfKind = 'personal' | 'numeric';

/**
 * Why a code was rejected. Callers branch on this, never on the message, so the messages can be reworded
 * (or translated) without breaking anything.
 */
export type CfRejection =
  | 'EMPTY'
  | 'LENGTH'
  | 'FORMAT'
  | 'KIND_NOT_ALLOWED'
  | 'CHECK_CHARACTER'
  | 'CHECK_DIGIT'
  | 'MONTH'
  | 'DAY'
  | 'DATE';

export interface ValidateCfOptions {
  /** Kinds accepted by the caller; default both. */
  allow?: readonly CfKind[];
  /** Reference date for the two-digit birth year; default `new Date()`. Its UTC calendar date is used. */
  today?: Date;
}

export interface CfAccepted {
  ok: true;
  /** The identifier: the input trimmed and upper-cased, never de-omocoded. */
  code: string;
  kind: CfKind;
  omocodic: boolean;
  /** Personal codes only, YYYY-MM-DD. */
  birthDate?: string;
  sex?: 'M' | 'F';
  /** Belfiore code (or Z + 3 digits for foreign states), de-omocoded. Not checked against the registry. */
  placeCode?: string;
}

export interface CfRejected {
  ok: false;
  reason: CfRejection;
  /** Fixed English text per reason; never contains any part of the input. */
  message: string;
}

export type CfResult = CfAccepted | CfRejected;

export interface PersonalCfData {
  surname: string;
  name: string;
  sex: 'M' | 'F';
  /** YYYY-MM-DD */
  birthDate: string;
  /** Belfiore code, e.g. F205, or Z + 3 digits. */
  placeCode: string;
}
