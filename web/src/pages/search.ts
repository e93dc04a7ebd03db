import { ApiError, request } from '../api';
import { videoGrid } from '../cards';
import { h, status } from '../dom';
import { navigate } from '../router';
import type { SearchPage } from '../types';

const filters: [name: string, label: string, options: [string, string][]][] = [
  ['duration', 'Duration', [['', 'Any length'], ['short', 'Under 4 minutes'], ['medium', '4–20 minutes'], ['long', 'Over 20 minutes']]],
  ['uploaded', 'Uploaded', [['', 'Any time'], ['day', 'Today'], ['week', 'This week'], ['month', 'This month'], ['year', 'This year']]],
  ['sort', 'Sort by', [['relevance', 'Relevance'], ['newest', 'Newest'], ['views', 'Most viewed']]],
];

export async function search(main: HTMLElement, _: string[], query: URLSearchParams): Promise<() => void> {
  const q = query.get('q') ?? '';
  document.title = q ? `${q} · Search · VideoPlatform` : 'Search · VideoPlatform';
  let debounce = 0;
  const controller = new AbortController();

  const input = h('input', { id: 'q', name: 'q', type: 'search', value: q, list: 'suggestions', autocomplete: 'off' });
  const suggestions = h('datalist', { id: 'suggestions' });
  const selects = filters.map(([name, label, options]) => h('div', { class: 'field' },
    h('label', { for: `f-${name}` }, label),
    h('select', { id: `f-${name}`, name }, ...options.map(([value, text]) => h('option', { value, selected: query.get(name) === value }, text)))));
  const form = h('form', { class: 'search-form', role: 'search' },
    h('div', { class: 'field grow' }, h('label', { for: 'q' }, 'Search videos'), input, suggestions), ...selects,
    h('button', { type: 'submit' }, 'Search'));
  const apply = () => {
    const next = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
    for (const tag of query.getAll('tags')) next.append('tags', tag);
    for (const [key, value] of [...next]) if (!value) next.delete(key);
    navigate(`/search?${next}`);
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); apply(); });
  form.querySelectorAll('select').forEach((s) => s.addEventListener('change', apply));
  input.addEventListener('input', () => {
    window.clearTimeout(debounce);
    const text = input.value.trim();
    if (text.length < 2) return;
    debounce = window.setTimeout(async () => {
      const found = await request<{ items: string[] }>(`/api/search/suggest?q=${encodeURIComponent(text)}`, { signal: controller.signal }).catch(() => null);
      suggestions.replaceChildren(...(found?.items ?? []).map((s) => h('option', { value: s })));
    }, 150);
  });

  const results = h('section', { class: 'results', 'aria-live': 'polite', 'aria-labelledby': 'results-title' });
  main.append(h('h1', {}, 'Search'), form, results);
  if (!q && !query.get('tags')) return () => controller.abort();

  const params = new URLSearchParams(query);
  try {
    const page = await request<SearchPage>(`/api/search?${params}`, { signal: controller.signal });
    const active = new Set(query.getAll('tags'));
    const facets = page.facets?.tags ?? [];
    results.append(h('h2', { id: 'results-title' }, page.items.length ? `Results for “${q}”` : `Nothing found for “${q}”`));
    if (facets.length) {
      results.append(h('ul', { class: 'chips', 'aria-label': 'Filter by tag' }, ...facets.map(({ tag, count }) => {
        const next = new URLSearchParams(query);
        next.delete('tags');
        for (const t of active) if (t !== tag) next.append('tags', t);
        if (!active.has(tag)) next.append('tags', tag);
        return h('li', {}, h('a', { class: 'chip', href: `/search?${next}`, 'aria-pressed': String(active.has(tag)) }, `#${tag} (${count})`));
      })));
    }
    results.append(videoGrid(page.items, 'Try other words, or fewer filters.'));
  } catch (e) {
    results.append(status(e instanceof ApiError && e.status === 404 ? 'Search is not available on this server yet.' : `Search failed: ${(e as Error).message}`, 'error'));
  }
  return () => controller.abort();
}
