/**
 * The shape of a JSON value as sorted `path:type` lines (`nodes[].lagBytes:number`, `…:null`): a key
 * renamed, dropped or retyped shows as one line of a diff, where a byte diff of the whole report would not say which.
 */
export function jsonShape(value: unknown): string[] {
	const paths = new Set<string>();
	const walk = (v: unknown, path: string) => {
		if (Array.isArray(v)) {
			paths.add(`${path}:array`);
			for (const item of v) walk(item, `${path}[]`);
		} else if (v !== null && typeof v === 'object') {
			paths.add(`${path}:object`);
			for (const [key, item] of Object.entries(v)) walk(item, path === '' ? key : `${path}.${key}`);
		} else paths.add(`${path}:${v === null ? 'null' : typeof v}`);
	};
	walk(value, '');
	return [...paths].sort();
}
