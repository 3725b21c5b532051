/** Why a file could not be written, in words (the errno code names the common cases). */
export function fsErrorReason(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	switch (code) {
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EROFS':
			return 'read-only file system';
		case 'ENOSPC':
			return 'no space left on the device';
		case 'EDQUOT':
			return 'disk quota exceeded';
		case 'EISDIR':
			return 'it is a directory';
		case 'ENOTDIR':
			return 'a part of the path is not a directory';
		default:
			return error instanceof Error ? error.message.split('\n')[0]! : String(error);
	}
}
