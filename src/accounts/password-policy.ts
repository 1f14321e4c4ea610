export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Why a new password is refused, or undefined when it is acceptable. Length counts code
 * points, so an emoji is one character; the common list is compared case-insensitively.
 */
export function passwordProblem({
  password,
  isCommon,
}: {
  password: string;
  isCommon: (lowercased: string) => boolean;
}): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  if (isCommon(password.toLowerCase())) return 'is one of the most commonly used passwords; choose another';
  return undefined;
}

export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}
