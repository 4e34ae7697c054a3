// A value built on first use and kept: what activation registers calls into code that is loaded later.

/** `create` runs on the first call only; later calls return its result. */
export function lazily<T>(create: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: create() }).value;
}
