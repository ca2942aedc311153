/**
 * Multipart uploads with progress. fetch() cannot report upload progress, so this one request uses
 * XMLHttpRequest; the session cookie and CSRF header are the same as for every other call.
 */
import { CSRF_HEADER, csrfToken } from './client';
import { ApiError, networkProblem, toProblem } from './problem';

export interface UploadProgress {
	loaded: number;
	total: number;
}

export interface UploadOptions {
	onProgress?: (progress: UploadProgress) => void;
	signal?: AbortSignal;
}

export function postMultipart<T>(url: string, form: FormData, options: UploadOptions = {}): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', url);
		xhr.withCredentials = true;
		xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
		const token = csrfToken();
		if (token) xhr.setRequestHeader(CSRF_HEADER, token);
		xhr.upload.onprogress = (event) => {
			if (event.lengthComputable) options.onProgress?.({ loaded: event.loaded, total: event.total });
		};
		xhr.onload = () => {
			let body: unknown = xhr.responseText;
			try {
				body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
			} catch {
				// not JSON: toProblem keeps a short text
			}
			if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
			else reject(new ApiError(xhr.status, toProblem(xhr.status, body, xhr.statusText)));
		};
		xhr.onerror = () => reject(new ApiError(0, networkProblem()));
		xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
		options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
		xhr.send(form);
	});
}

/**
 * Where each file's bytes sit in the request body: the fields come first, then the files in order,
 * so the bytes sent so far tell how far each file has gone. The multipart framing around each part is
 * small next to the files, and is spread by proportion.
 */
export function perFileProgress(sizes: number[], loaded: number, total: number): number[] {
	const filesBytes = sizes.reduce((a, b) => a + b, 0);
	if (total <= 0 || filesBytes <= 0) return sizes.map(() => (loaded >= total ? 1 : 0));
	const overhead = Math.max(0, total - filesBytes);
	// Assume the overhead is mostly the leading fields: the files start after it.
	let offset = overhead;
	return sizes.map((size) => {
		const done = Math.min(Math.max(loaded - offset, 0), size);
		offset += size;
		return size === 0 ? (loaded >= total ? 1 : 0) : done / size;
	});
}
