import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import { ApiError, api, setCsrfToken } from './api.ts';

interface Ref {
  id: string;
  code: string;
  name: string;
}

/** The signed-in user as `/auth/me` returns them. */
export interface Profile {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  locale: string;
  roles: { role: string; servicePoint: Ref | null; agency: Ref | null; unit: Ref | null }[];
}

interface Session {
  user: Profile;
  csrfToken: string;
}

interface Auth {
  user: Profile | null;
  loading: boolean;
  signIn(username: string, password: string): Promise<Profile>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);
/** The query key of the signed-in user (`/auth/me`); `null` data means signed out. */
export const ME_KEY = ['auth', 'me'] as const;
const ME = ME_KEY;

async function fetchMe(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/auth/me');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ME, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY, retry: 1 });

  // Another user's lists must not show from the cache; the session query itself stays observed.
  const forgetOtherData = useCallback(
    () => queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME[0] }),
    [queryClient],
  );

  const signIn = useCallback(
    async (username: string, password: string) => {
      const session = await api.post<Session>('/auth/login', { username, password }, { idempotent: false });
      setCsrfToken(session.csrfToken);
      forgetOtherData();
      queryClient.setQueryData(ME, session);
      return session.user;
    },
    [queryClient, forgetOtherData],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/logout', undefined, { idempotent: false });
    } finally {
      setCsrfToken(null);
      forgetOtherData();
      queryClient.setQueryData(ME, null);
    }
  }, [queryClient, forgetOtherData]);

  const value = useMemo<Auth>(
    () => ({ user: me.data?.user ?? null, loading: me.isPending, signIn, signOut }),
    [me.data, me.isPending, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The names of the sites, agencies or units the user works for, for the header. */
export function workplaces(user: Profile): string[] {
  const names = user.roles
    .map((r) => r.servicePoint?.name ?? r.agency?.name ?? r.unit?.name)
    .filter((n): n is string => Boolean(n));
  return [...new Set(names)];
}
