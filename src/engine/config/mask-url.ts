/**
 * Replaces the password of every postgres URL in `text` with `***`.
 *
 * The password runs from the first ':' after the scheme to the LAST '@' of the URL: a
 * password typed into the URL unencoded may itself hold '@', '/', '#' or ':', and cutting
 * at the first '@' would print the rest of it (`postgres://app:***@Qm9/Lp2#…@host`).
 * A URL ends at whitespace or a quote, so a masked URL inside JSON stays inside its string.
 */
export function maskUrl(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/)([^\s"'`<>]+)/gi, (_m, scheme: string, rest: string) => {
    const at = rest.lastIndexOf('@');
    const colon = rest.indexOf(':');
    if (at === -1 || colon === -1 || colon > at) return `${scheme}${rest}`;
    const pass = rest.slice(colon + 1, at);
    return `${scheme}${rest.slice(0, colon + 1)}${pass === '' ? '' : '***'}${rest.slice(at)}`;
  });
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
