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
