import { describe, expect, it } from 'vitest';
import { libraryPath } from '@/lib/reading/library-link';

describe('/ opens the library', () => {
  it('at its search, with an optional query', () => {
    expect(libraryPath({ focus: 'search' })).toBe('/library.html#search');
    expect(libraryPath({})).toBe('/library.html#search');
    expect(libraryPath({ focus: 'search', query: ' § 210 ' })).toBe('/library.html#search?q=%C2%A7%20210');
    expect(libraryPath({ focus: 'bookmarks' })).toBe('/library.html#bookmarks');
    expect(libraryPath({ focus: 'evil' as 'search' })).toBe('/library.html#search');
  });
});
