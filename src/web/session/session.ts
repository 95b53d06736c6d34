import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';

export const ME_KEY = ['me'] as const;

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: () => api.get<Me>('/me'), staleTime: 5 * 60_000 });
}

export interface Session {
  me: Me;
  permissions: ReadonlySet<string>;
}

export const SessionContext = createContext<Session | undefined>(undefined);

/** The signed-in user; only valid below <RequireSession>. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession() outside <RequireSession>');
  return s;
}

export async function login(queryClient: QueryClient, username: string, password: string): Promise<Me> {
  const { user } = await api.post<{ user: Me }>('/auth/login', { username, password });
  queryClient.clear();
  queryClient.setQueryData(ME_KEY, user);
  return user;
}

/** Ends the session on the server; the local cache is dropped even if the server call fails. */
export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    try {
      await api.post<void>('/auth/logout');
    } catch {
      // An expired session is already logged out; nothing to tell the user.
    } finally {
      queryClient.clear();
    }
  };
}
