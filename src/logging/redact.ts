// Removes secrets from text before it is logged. Pure: the secrets are handed in.

/** Replaces every known secret, and any `x-api-key: …` / `"x-api-key": "…"` value, with [redacted]. */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remembers a secret (ignored when too short to be a key, which would redact ordinary words). */
  add(secret: string | undefined): void {
    if (secret && secret.trim().length >= 8) this.secrets.add(secret.trim());
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('[redacted]');
    return out.replace(/(x-api-key["']?\s*[:=]\s*["']?)[^\s"',;}]+/gi, '$1[redacted]');
  }
}
