/** Small pieces the panel's views share. */
import type { ComponentChildren } from 'preact';

/** A link when there is a safe address (lib/reading/safe.ts made it), otherwise the same text as text. */
export const linkOr = (href: string | null, text: ComponentChildren) => (href ? <a href={href}>{text}</a> : text);

/** Words joined by spaces, leaving out the missing ones. */
export const joined = (...parts: (string | null | false | undefined)[]) => parts.filter(Boolean).join(' ');
