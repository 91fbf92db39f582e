import { useQueries } from '@tanstack/react-query';
import { api } from '../../api.ts';
import type { Profile } from '../../auth.tsx';

export interface Site {
  id: string;
  code: string;
  name: string;
}

interface ServicePoint extends Site {
  hostType: 'post_office' | 'government_office';
}

/** Roles that see every post office (they choose one on the page). */
export const POSTAL_OVERSEERS = ['admin', 'supervisor'];

/**
 * The post-office-hosted sites where the user is a clerk (their hosting is read from
 * `/service-points/:id`, cached under the same key as the handover page), and whether the user may
 * use the postal page at all: such a clerk, an administrator or a supervisor.
 */
export function usePostalSites(user: Profile | null): { sites: Site[]; allowed: boolean; pending: boolean } {
  const clerkSites = new Map<string, Site>();
  for (const r of user?.roles ?? [])
    if (r.role === 'clerk' && r.servicePoint) clerkSites.set(r.servicePoint.id, r.servicePoint);
  const points = useQueries({
    queries: [...clerkSites.values()].map((s) => ({
      queryKey: ['service-point', s.id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<ServicePoint>(`/service-points/${s.id}`, undefined, signal),
      staleTime: 10 * 60_000,
    })),
  });
  const sites = points
    .map((p) => p.data)
    .filter((p): p is ServicePoint => p?.hostType === 'post_office')
    .map((p) => ({ id: p.id, code: p.code, name: p.name }));
  const overseer = (user?.roles ?? []).some((r) => POSTAL_OVERSEERS.includes(r.role));
  return { sites, allowed: overseer || sites.length > 0, pending: points.some((p) => p.isPending) };
}
