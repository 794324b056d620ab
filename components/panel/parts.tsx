/** Small pieces the panel's views share. */
import type { ComponentChildren } from 'preact';

/** A link when there is a safe address (lib/reading/safe.ts made it), otherwise the same text as text. */
export const linkOr = (href: string | null, text: ComponentChildren) => (href ? <a href={href}>{text}</a> : text);

/** Words joined by spaces, leaving out the missing ones. */
export const joined = (...parts: (string | null | false | undefined)[]) => parts.filter(Boolean).join(' ');

/** A row of a meeting's items or an organ's meetings: the selected one is marked for sight and for screen readers. */
export const rowState = (index: number, selected: number) => (index === selected ? { class: 'sel', 'aria-current': 'true' as const } : {});
