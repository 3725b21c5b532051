// Whether the terminal can show Unicode: a locale that names another charset (LANG=C, POSIX, ISO-8859-1)
// or a plain terminal type (vt100, ansi, dumb) gets the ASCII screen, as --ascii does. An unset locale
// says nothing (many SSH sessions forward none to a UTF-8 terminal) and keeps Unicode.
const plainTerms = /^(vt\d+|ansi|dumb|cons\d+|vt\d+-.*)$/;

export function needsAscii(env: NodeJS.ProcessEnv): boolean {
	const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find(v => v !== undefined && v !== '');
	if (locale !== undefined && !/utf-?8/i.test(locale)) return true;
	return plainTerms.test(env.TERM ?? '');
}
