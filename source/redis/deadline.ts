/**
 * `work`, or the error `timedOut` makes once `ms` passed without it. When the timer fires, the
 * replies (or the connect) already waiting in the sockets get one more turn of the event loop
 * (setImmediate runs after the I/O phase): a timer that fires late because this process was busy
 * (a long tick at 1000 nodes on a loaded machine) must not blame the node for our own stall.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, timedOut: () => Error): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		let settled = false;
		const timer = setTimeout(() => setImmediate(() => {
			if (settled) return;
			settled = true;
			reject(timedOut());
		}), ms);
		work.then(value => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve(value);
		}, (error: unknown) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			reject(error);
		});
	});
}
