import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Page, User } from '../../../api/types.ts';

export interface UserQuery {
  q: string;
  page: number;
  pageSize: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  jurisdictionCode: string;
}

export interface UserPatch {
  displayName?: string;
  roles?: string[];
  jurisdictionCode?: string;
  disabled?: boolean;
}

const USERS = ['users'] as const;

export function useUsers(query: UserQuery) {
  return useQuery({
    queryKey: [...USERS, query],
    queryFn: () => api.get<Page<User>>('/users', { ...query }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUser) => api.post<User>('/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UserPatch }) =>
      api.patch<User>(`/users/${encodeURIComponent(id)}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS }),
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      api.post<void>(`/users/${encodeURIComponent(id)}/password`, { password }),
    // A reset may also lift a lock, so the status column is refreshed.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS }),
  });
}
