import type { Group } from './wordcloud';

/**
 * Turns stored counts (per key and spelling) into the groups a cloud shows, after the moderators'
 * merges and hides. Pure. Display is the most frequent spelling; ties go to the smallest string,
 * so the result never depends on the order rows arrive in.
 */
export function groupsFromCounts(
	rows: { key: string; text: string; n: number }[],
	merges: Record<string, string>,
	hidden: ReadonlySet<string>
): { shown: Group[]; hidden: Group[] } {
	const byKey = new Map<string, Group>();
	for (const r of rows) {
		const key = merges[r.key] ?? r.key;
		const g = byKey.get(key) ?? { key, display: r.text, count: 0, spellings: {} };
		g.count += r.n;
		g.spellings[r.text] = (g.spellings[r.text] ?? 0) + r.n;
		byKey.set(key, g);
	}
	const all = [...byKey.values()].map((g) => {
		const [display] = Object.entries(g.spellings).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))[0];
		return { ...g, display };
	});
	all.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	return { shown: all.filter((g) => !hidden.has(g.key)), hidden: all.filter((g) => hidden.has(g.key)) };
}
