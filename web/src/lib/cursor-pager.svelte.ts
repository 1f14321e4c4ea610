/** One page of a cursor-paged list, as the API answers it. */
export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/**
 * A list read a page at a time ("Show more"): `load()` reads the first page again, `load(true)`
 * appends the next. The fields are reactive state for the page that owns the pager.
 */
export class CursorPager<Item> {
  items = $state<Item[]>([]);
  nextCursor = $state<string | null>(null);
  isLoading = $state(false);
  failure = $state<string | null>(null);

  constructor(
    private readonly fetchPage: (cursor: string | undefined) => Promise<Page<Item>>,
    private readonly failureMessage: string,
  ) {}

  async load(more = false): Promise<void> {
    this.isLoading = true;
    this.failure = null;
    try {
      const page = await this.fetchPage(more && this.nextCursor ? this.nextCursor : undefined);
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.failure = error instanceof Error ? error.message : this.failureMessage;
    } finally {
      this.isLoading = false;
    }
  }
}
