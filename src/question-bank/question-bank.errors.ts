/** Raised at start-up: the app refuses to serve a bank that fails its checks. */
export class InvalidBankError extends Error {
  constructor(readonly problems: string[]) {
    super(`The question bank has ${problems.length} problem(s):\n${problems.join('\n')}`);
    this.name = 'InvalidBankError';
  }
}
