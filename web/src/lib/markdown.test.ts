import { describe, expect, it } from 'vitest';
import { LINK_REL, renderMarkdown } from './markdown';

describe('renderMarkdown (the browser preview, configured like the server)', () => {
	it('renders CommonMark with tables and strikethrough', () => {
		const html = renderMarkdown('**bold** ~~gone~~\n\n| a | b |\n|---|---|\n| 1 | 2 |');
		expect(html).toContain('<strong>bold</strong>');
		expect(html).toContain('<s>gone</s>');
		expect(html).toContain('<td>1</td>');
	});

	it('shows raw HTML as text', () => {
		const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(2)>');
		expect(html).not.toContain('<script');
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;script&gt;');
	});

	it('turns images into links, so no remote image loads', () => {
		const html = renderMarkdown('![a screenshot](https://example.org/s.png)');
		expect(html).not.toContain('<img');
		expect(html).toContain(`<a href="https://example.org/s.png" rel="${LINK_REL}">a screenshot</a>`);
	});

	it('refuses javascript: links and marks the others nofollow noopener noreferrer', () => {
		expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href');
		const html = renderMarkdown('[docs](https://example.org "The docs")');
		expect(html).toContain(`rel="${LINK_REL}"`);
		expect(html).toContain('title="The docs"');
	});

	it('drops attributes the server would drop', () => {
		const html = renderMarkdown('```js\nlet x = 1;\n```');
		expect(html).toContain('<pre><code>let x = 1;');
		expect(html).not.toContain('class=');
	});
});
