// One unit system for every screen and report: IEC binary units (KiB, MiB), as Redis counts memory.
// Detail views may add the raw number next to it; nothing prints KB/MB.

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → "1.5 KiB", 1048576 → "1 MiB", 213 * 1024 → "213 KiB" (three significant digits at most). */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes)) return String(bytes);
	let v = Math.abs(bytes);
	let i = 0;
	while (v >= 1024 && i < byteUnits.length - 1) {
		v /= 1024;
		i++;
	}
	const text = i === 0 ? String(Math.round(v)) : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1).replace(/\.0$/, '') : v.toFixed(2).replace(/\.?0+$/, '');
	return `${bytes < 0 ? '-' : ''}${text} ${byteUnits[i]}`;
}

/**
 * Seconds as every screen and report writes them: "0.4s", "4s", "12s", "3m05s", "2h10m", "3d4h";
 * "unbounded" for an infinite span, "-" when unknown.
 */
export function formatSeconds(seconds: number | null | undefined): string {
	if (seconds === Infinity) return 'unbounded';
	if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '-';
	if (seconds < 10) return `${Math.max(0, seconds).toFixed(seconds < 1 && seconds > 0 ? 1 : 0)}s`;
	if (seconds < 60) return `${Math.round(seconds)}s`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
	return `${Math.floor(seconds / 86_400)}d${Math.floor((seconds % 86_400) / 3600)}h`;
}

/**
 * `7.0.15` ≥ 7.0 ? Each part read up to its first non-digit (`8.0-m01` is 8.0.0, a milestone of
 * 8.0); false when the version is unknown.
 */
export function versionAtLeast(version: string | undefined, major: number, minor = 0, patch = 0): boolean {
	if (!version) return false;
	const [a = 0, b = 0, c = 0] = version.split('.').map(x => Number.parseInt(x, 10) || 0);
	return a !== major ? a > major : b !== minor ? b > minor : c >= patch;
}
