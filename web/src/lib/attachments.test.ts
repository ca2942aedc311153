import { describe, expect, it } from 'vitest';
import { MAX_BYTES, checkFile, isImageName } from './attachments';

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

describe('attachment checks before upload (the server’s rules)', () => {
	it('accepts a real PNG, a JPEG and a text log', async () => {
		expect(await checkFile(new File([new Uint8Array([...PNG_HEAD, 1, 2, 3])], 'shot.PNG'))).toBeNull();
		expect(await checkFile(new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'photo.jpeg'))).toBeNull();
		expect(await checkFile(new File(['line one\nline two ✓\n'], 'server.log'))).toBeNull();
	});

	it('refuses other types, empty files and content that lies about its name', async () => {
		expect(await checkFile(new File(['%PDF'], 'doc.pdf'))).toMatch(/Only \.png/);
		expect(await checkFile(new File([], 'empty.txt'))).toMatch(/empty/);
		expect(await checkFile(new File(['<html>'], 'fake.png'))).toMatch(/not a PNG/);
		expect(await checkFile(new File([new Uint8Array([1, 0, 2])], 'binary.txt'))).toMatch(/not a text file/);
	});

	it('refuses files over 10 MB', async () => {
		const big = new File([new Uint8Array(MAX_BYTES + 1)], 'huge.log');
		expect(await checkFile(big)).toMatch(/10 MB/);
	});

	it('knows which names are images', () => {
		expect(isImageName('a.JPG')).toBe(true);
		expect(isImageName('a.log')).toBe(false);
	});
});
