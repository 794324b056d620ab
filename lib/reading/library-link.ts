/**
 * Where `/` leads. A content script cannot open the toolbar popup (openPopup is not available to it,
 * nor everywhere), and a web page may not navigate to an extension page that is not web-accessible.
 * So the content script asks the background ('library/open'), which opens the library page in a new
 * tab with the search box focused: `library.html#search` (the library page reads the hash).
 */
export type LibraryFocus = 'search' | 'bookmarks';

export function libraryPath(request: { focus?: LibraryFocus; query?: string }): `/library.html${string}` {
  const focus = request.focus === 'bookmarks' ? 'bookmarks' : 'search';
  const query = request.query?.trim();
  return `/library.html#${focus}${query ? `?q=${encodeURIComponent(query.slice(0, 200))}` : ''}`;
}
