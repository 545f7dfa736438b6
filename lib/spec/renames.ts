/**
 * Rules for `previousNames` on workloads and resources: an earlier name moves Terraform
 * addresses (and, for a workload, its oldest name keeps naming the cloud identities), so it
 * must never be the name, or an earlier name, of anything else in the same section.
 */
import { Problems } from './config-error';
import { shown, shownName } from './echo';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Reports earlier names that clash within `workloads` and within `resources`. */
export function checkRenames(raw: Record<string, unknown>, problems: Problems): void {
  for (const section of ['workloads', 'resources'] as const) {
    const items = isObject(raw[section]) ? Object.entries(raw[section] as Record<string, unknown>) : [];
    const current = new Set(items.map(([name]) => name));
    const claimedBy = new Map<string, string>();
    for (const [name, item] of items) {
      if (!isObject(item) || !Array.isArray(item.previousNames)) continue;
      item.previousNames.forEach((previous, i) => {
        if (typeof previous !== 'string') return;
        const at = [section, name, 'previousNames', i];
        if (previous === name) problems.add(at, `${shown(previous)} is the current name`);
        else if (current.has(previous)) problems.add(at, `${shown(previous)} is the name of ${section}.${shownName(previous)}: an earlier name may not be reused while it is listed`);
        else if (claimedBy.has(previous)) problems.add(at, `${shown(previous)} is already an earlier name of ${section}.${shownName(claimedBy.get(previous) ?? '')}`);
        else claimedBy.set(previous, name);
      });
    }
  }
}

/** The name a workload's cloud identities keep for life: its oldest name. */
export function originalName(item: { readonly name: string; readonly previousNames: readonly string[] }): string {
  return item.previousNames[0] ?? item.name;
}
