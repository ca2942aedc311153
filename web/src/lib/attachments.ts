/**
 * The server's attachment rules (ADR 0007), checked before anything is sent: .png, .jpg/.jpeg, .log,
 * .txt; 10 MB each; 5 per ticket; and the content must match the name (PNG signature and IHDR, JPEG
 * SOI, text = UTF-8 without NUL bytes).
 */
export const MAX_FILES = 5;
export const MAX_BYTES = 10 * 1024 * 1024;
export const EXTENSIONS = ['.png', '.jpg', '.jpeg', '.log', '.txt'] as const;
export const ACCEPT = EXTENSIONS.join(',');

type Kind = 'png' | 'jpeg' | 'text';

function kindOf(name: string): Kind | null {
	const dot = name.lastIndexOf('.');
	const ext = dot >= 0 ? name.slice(dot).toLowerCase() : '';
	if (ext === '.png') return 'png';
	if (ext === '.jpg' || ext === '.jpeg') return 'jpeg';
	if (ext === '.log' || ext === '.txt') return 'text';
	return null;
}

export function isImageName(name: string): boolean {
	const kind = kindOf(name);
	return kind === 'png' || kind === 'jpeg';
}

function readHead(file: Blob, bytes: number): Promise<Uint8Array> {
	const slice = file.slice(0, bytes);
	if (typeof slice.arrayBuffer === 'function') {
		return slice.arrayBuffer().then((buffer) => new Uint8Array(buffer));
	}
	return new Promise((resolve, reject) => {
		const reader = new FileReader();
		reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
		reader.onerror = () => reject(reader.error);
		reader.readAsArrayBuffer(slice);
	});
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function looksLikeText(head: Uint8Array): boolean {
	if (head.includes(0)) return false;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(head);
		return true;
	} catch {
		// A multi-byte character may be cut at the end of the sample; retry without the last 3 bytes.
		try {
			new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
			return head.length > 3;
		} catch {
			return false;
		}
	}
}

/** Why this file cannot be attached, or null when it can. */
export async function checkFile(file: File): Promise<string | null> {
	const kind = kindOf(file.name);
	if (!kind) return 'Only .png, .jpg, .jpeg, .log and .txt files can be attached.';
	if (file.size === 0) return 'The file is empty.';
	if (file.size > MAX_BYTES) return 'Files can be at most 10 MB.';
	const head = await readHead(file, 4096);
	if (kind === 'png') {
		const ok = PNG.every((b, i) => head[i] === b) && String.fromCharCode(...head.subarray(12, 16)) === 'IHDR';
		if (!ok) return 'This is not a PNG image, whatever its name says.';
	} else if (kind === 'jpeg') {
		if (!(head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff))
			return 'This is not a JPEG image, whatever its name says.';
	} else if (!looksLikeText(head)) {
		return 'This is not a text file, whatever its name says.';
	}
	return null;
}
