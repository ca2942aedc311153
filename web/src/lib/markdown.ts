/**
 * The browser's Markdown preview, configured like the server (tickets/markdown.py): CommonMark plus
 * tables and strikethrough, raw HTML off, images shown as links, then an allow-list sanitiser
 * (DOMPurify) with the server's tags, attributes and URL schemes, and rel="nofollow noopener noreferrer"
 * on every link. Text from the API is shown as the server's `*_html`; only the preview uses this.
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).enable([
	'table',
	'strikethrough'
]);

// Screenshots are attachments, and a remote image would tell its owner who reads the ticket.
md.renderer.rules.image = (tokens, idx, options, env, self) => {
	const token = tokens[idx]!;
	const src = token.attrGet('src') ?? '';
	const alt = self.renderInlineAsText(token.children ?? [], options, env) || src;
	return `<a href="${md.utils.escapeHtml(src)}">${md.utils.escapeHtml(alt)}</a>`;
};

export const ALLOWED_TAGS = [
	'p', 'br', 'hr', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote',
	'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a',
	'table', 'thead', 'tbody', 'tr', 'th', 'td'
];
const ALLOWED_ATTR = ['href', 'title', 'start', 'align'];
const ATTR_OF: Record<string, string[]> = { A: ['href', 'title'], OL: ['start'], TH: ['align'], TD: ['align'] };
// http, https, mailto, or a relative reference (no scheme), as the server's nh3 allows.
const ALLOWED_URI = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
export const LINK_REL = 'nofollow noopener noreferrer';

let purifier: ReturnType<typeof DOMPurify> | null = null;

function sanitiser(): ReturnType<typeof DOMPurify> {
	if (purifier) return purifier;
	const instance = DOMPurify(window);
	instance.addHook('uponSanitizeAttribute', (node, data) => {
		const allowed = ATTR_OF[node.nodeName] ?? [];
		if (!allowed.includes(data.attrName)) data.keepAttr = false;
	});
	instance.addHook('afterSanitizeAttributes', (node) => {
		if (node.nodeName === 'A') node.setAttribute('rel', LINK_REL);
	});
	purifier = instance;
	return instance;
}

export function renderMarkdown(text: string): string {
	return sanitiser().sanitize(md.render(text), {
		ALLOWED_TAGS,
		ALLOWED_ATTR,
		ALLOWED_URI_REGEXP: ALLOWED_URI,
		ALLOW_DATA_ATTR: false,
		ALLOW_ARIA_ATTR: false
	});
}
