// For the webviews' plain checks of extension messages: each must accept and reject exactly what
// its zod schema does. Compares them on valid messages, each with one field removed or replaced by
// a wrong value, plus whatever nested variants a test adds through `agree`.
import assert from 'node:assert/strict';

export interface Agreement {
  /** Compares the two checks on one message. */
  agree(message: unknown, what: string): void;
  /** How many messages were compared. */
  readonly compared: number;
}

export function compareChecks(
  plain: (raw: unknown) => { ok: boolean },
  schema: { safeParse(raw: unknown): { success: boolean } },
  valid: readonly Record<string, unknown>[],
  wrong: readonly unknown[],
): Agreement {
  let compared = 0;
  const agree = (message: unknown, what: string): void => {
    compared++;
    assert.equal(plain(message).ok, schema.safeParse(message).success, `${what}: ${JSON.stringify(message)?.slice(0, 300)}`);
  };
  for (const message of valid) {
    assert.equal(plain(message).ok, true, JSON.stringify(message));
    for (const key of Object.keys(message)) {
      const { [key]: _removed, ...rest } = message;
      agree(rest, `without ${key}`);
      for (const value of wrong) agree({ ...message, [key]: value }, `${key} = ${String(value).slice(0, 20)}`);
    }
  }
  return { agree, get compared() { return compared; } };
}
