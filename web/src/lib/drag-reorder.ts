/**
 * Reordering a list by dragging its rows (HTML drag and drop), as a Svelte action on the list:
 * rows carry `data-index`; dropping a row on another calls `onmove(from, to)`. The row under
 * the pointer gets `data-drop="before"` or `"after"` while a row is dragged over it. Keyboard
 * users move rows with buttons and Alt+↑/↓ instead (see reorder.ts).
 */
export function dragReorder(list: HTMLElement, onmove: (from: number, to: number) => void) {
  let handler = onmove;
  let from: number | undefined;

  const rowOf = (event: Event) => (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-index]');
  const clear = () => list.querySelectorAll('[data-drop]').forEach((row) => row.removeAttribute('data-drop'));

  function dragstart(event: DragEvent) {
    const row = rowOf(event);
    if (!row || !event.dataTransfer) return;
    from = Number(row.dataset.index);
    event.dataTransfer.effectAllowed = 'move';
    // Some browsers start a drag only when it carries data.
    event.dataTransfer.setData('text/plain', row.dataset.label ?? '');
    row.setAttribute('data-dragging', '');
  }

  function dragover(event: DragEvent) {
    const row = rowOf(event);
    if (from === undefined || !row) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    clear();
    row.setAttribute('data-drop', Number(row.dataset.index) > from ? 'after' : 'before');
  }

  function drop(event: DragEvent) {
    const row = rowOf(event);
    if (from === undefined || !row) return;
    event.preventDefault();
    const to = Number(row.dataset.index);
    const start = from;
    end();
    if (to !== start) handler(start, to);
  }

  function end() {
    from = undefined;
    clear();
    list.querySelectorAll('[data-dragging]').forEach((row) => row.removeAttribute('data-dragging'));
  }

  list.addEventListener('dragstart', dragstart);
  list.addEventListener('dragover', dragover);
  list.addEventListener('drop', drop);
  list.addEventListener('dragend', end);
  return {
    update(next: (from: number, to: number) => void) {
      handler = next;
    },
    destroy() {
      list.removeEventListener('dragstart', dragstart);
      list.removeEventListener('dragover', dragover);
      list.removeEventListener('drop', drop);
      list.removeEventListener('dragend', end);
    },
  };
}
