/** Replaces the password of every postgres URL in `text` with `***`. */
export function maskUrl(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:@/\s]*:)([^@\s]*)(@)/gi, (_m, head: string, pass: string, at: string) =>
    pass === '' ? `${head}${at}` : `${head}***${at}`,
  );
}

/** Removes known secrets (the passwords of the given URLs) from any text, wherever they appear. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = maskUrl(text);
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('***');
  }
  return out;
}

export function passwordOf(url: string): string | undefined {
  try {
    const pass = new URL(url).password;
    return pass ? decodeURIComponent(pass) : undefined;
  } catch {
    return undefined;
  }
}
