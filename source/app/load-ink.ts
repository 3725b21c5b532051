/**
 * Imports the ink UI (components/run-tui). Ink loads yoga-layout, whose Emscripten loader fetches
 * its inlined wasm with the global `fetch` when there is one: on Node that first `fetch` loads
 * undici and decodes a data: URL, about 75 ms of the first frame (a CPU profile of the start).
 * Without `fetch` it decodes the same bytes synchronously. `fetch` is hidden only while the module
 * graph evaluates and is put back before anything else can run.
 */
export async function loadInk(): Promise<typeof import('../../components/run-tui.js')> {
	const global = globalThis as {fetch?: typeof fetch};
	const saved = Object.getOwnPropertyDescriptor(global, 'fetch');
	if (saved) delete global.fetch;
	try {
		return await import('../../components/run-tui.js');
	} finally {
		if (saved) Object.defineProperty(global, 'fetch', saved);
	}
}
