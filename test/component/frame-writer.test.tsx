import {EventEmitter} from 'node:events';
import React, {act} from 'react';
import {Box, render, Text} from 'ink';
import {describe, expect, test} from 'vitest';

/** Just enough of a terminal to compare what two byte streams leave on screen. */
class Screen {
	lines: string[];
	row = 0;
	col = 0;
	constructor(readonly rows: number) {
		this.lines = Array<string>(rows).fill('');
	}

	feed(text: string): void {
		// eslint-disable-next-line no-control-regex
		const tokens = text.match(/\u001B\[[0-9;?]*[A-Za-z]|\n|[^\u001B\n]/gu) ?? [];
		for (const t of tokens) {
			if (t === '\n') {
				this.col = 0;
				if (this.row === this.rows - 1) this.lines = [...this.lines.slice(1), ''];
				else this.row++;
				continue;
			}
			if (!t.startsWith('\u001B')) {
				const line = this.lines[this.row]!.padEnd(this.col);
				this.lines[this.row] = line.slice(0, this.col) + t + line.slice(this.col + 1);
				this.col++;
				continue;
			}
			const n = Number(/\d+/.exec(t)?.[0] ?? '1');
			const op = t.at(-1);
			if (t.includes('?') || op === 'm') continue;
			if (op === 'A') this.row = Math.max(0, this.row - n);
			else if (op === 'B') this.row = Math.min(this.rows - 1, this.row + n);
			else if (op === 'G') this.col = 0;
			else if (op === 'K') this.lines[this.row] = t === '\u001B[2K' ? '' : this.lines[this.row]!.slice(0, this.col);
			else if (op === 'J') {
				this.lines[this.row] = this.lines[this.row]!.slice(0, this.col);
				for (let r = this.row + 1; r < this.rows; r++) this.lines[r] = '';
			} else throw new Error(`unexpected escape ${JSON.stringify(t)}`);
		}
	}

	text(): string {
		return `${this.lines.map(l => l.trimEnd()).join('\n')}\n@${this.row},${this.col}`;
	}
}

class FakeTty extends EventEmitter {
	isTTY = true;
	columns = 60;
	rows = 20;
	bytes = 0;
	readonly screen = new Screen(20);
	write = (chunk: string) => {
		this.bytes += Buffer.byteLength(chunk);
		this.screen.feed(chunk);
		return true;
	};
}

function Frame({tick, rows}: {readonly tick: number; readonly rows: number}) {
	return (
		<Box flexDirection="column" borderStyle="single" width={50}>
			<Text>status: tick {tick}</Text>
			{Array.from({length: rows}, (_, i) => (
				<Text key={i}>row {i} {i === 2 ? `changes ${tick}` : 'steady'}</Text>
			))}
		</Box>
	);
}

const options = {patchConsole: false, exitOnCtrlC: false, maxFps: 1000};

/** The screen and the bytes of `frame` drawn from scratch on an empty terminal (ink's first frame is always whole). */
async function drawnAlone(frame: React.ReactElement): Promise<{screen: string; bytes: number}> {
	const tty = new FakeTty();
	let app!: ReturnType<typeof render>;
	await act(async () => {
		app = render(frame, {...options, stdout: tty as unknown as NodeJS.WriteStream});
	});
	const drawn = {screen: tty.screen.text(), bytes: tty.bytes};
	act(() => app.unmount());
	return drawn;
}

// Ink's log-update as patched (scripts/ink-patch.js, components/frame-writer.ts): the component
// tests load ink through the same patch as the build.
describe('changed lines only', () => {
	test('leaves the same screen as a full redraw while writing far fewer bytes', async () => {
		const tty = new FakeTty();
		const steps = [{tick: 1, rows: 6}, {tick: 2, rows: 6}, {tick: 3, rows: 6}, {tick: 4, rows: 3}, {tick: 5, rows: 8}, {tick: 6, rows: 8}, {tick: 7, rows: 8}];
		let app!: ReturnType<typeof render>;
		await act(async () => {
			app = render(<Frame {...steps[0]!} />, {...options, stdout: tty as unknown as NodeJS.WriteStream});
		});
		let written = 0;
		let whole = 0;
		for (const step of steps.slice(1)) {
			const before = tty.bytes;
			await act(async () => {
				app.rerender(<Frame {...step} />);
				await new Promise(resolve => setTimeout(resolve, 5));
			});
			const alone = await drawnAlone(<Frame {...step} />);
			expect(tty.screen.text()).toBe(alone.screen);
			expect(alone.screen).toContain(`changes ${step.tick}`);
			if (step.tick === 3 || step.tick >= 6) {
				written += tty.bytes - before;
				whole += alone.bytes;
			}
		}
		// Steady frames (only two lines change) cost a fraction of a full redraw.
		expect(written).toBeLessThan(whole / 2);
		act(() => app.unmount());
	});

	test('after the terminal narrows the next frame is a full redraw', async () => {
		const tty = new FakeTty();
		let app!: ReturnType<typeof render>;
		await act(async () => {
			app = render(<Frame tick={1} rows={4} />, {...options, stdout: tty as unknown as NodeJS.WriteStream});
		});
		const before = tty.bytes;
		await act(async () => {
			tty.columns = 55;
			tty.emit('resize');
			await new Promise(resolve => setTimeout(resolve, 5));
		});
		expect(tty.screen.text()).toBe((await drawnAlone(<Frame tick={1} rows={4} />)).screen);
		expect(tty.bytes - before).toBeGreaterThan(250); // every line written again
		act(() => app.unmount());
	});
});
