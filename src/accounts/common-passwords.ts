import zxcvbnCommon from '@zxcvbn-ts/language-common';

/**
 * The 49,233 most common passwords from zxcvbn-ts's maintained frequency list
 * (@zxcvbn-ts/language-common, `passwords-common`, built from leaked-password corpora).
 */
const COMMON = new Set<string>((zxcvbnCommon.dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export function isCommonPassword(lowercased: string): boolean {
  return COMMON.has(lowercased);
}

export const COMMON_PASSWORD_COUNT = COMMON.size;
