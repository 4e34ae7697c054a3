// An error whose message is already the sentence to show the user (our own checks: options,
// settings, folders), optionally with extra buttons.
export class UserFacingError extends Error {
  constructor(message: string, readonly actions: readonly string[] = []) {
    super(message);
    this.name = 'UserFacingError';
  }
}
