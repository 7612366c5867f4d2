import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, ifMatch, isStale, unwrap, type RequestBody, type ResponseBody } from '../api/client';
import { changeLanguage, currentLanguage, type Language } from '../i18n';
import { forgetDrafts } from '../offline/drafts';
import { forgetServerState, invalidateAfter } from './invalidation';

export type User = ResponseBody<'/api/v1/auth/me', 'get'>;
export type LoginInput = RequestBody<'/api/v1/auth/login', 'post'>;

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

/**
 * Where this device keeps the last signed-in user, so that the app opened
 * with no network (in the field) still shows its frame and takes notes into
 * the outbox. It holds what "me" says about the person using this device,
 * is replaced at every successful read and forgotten at sign-out or when
 * the server says the session is over.
 */
export const REMEMBERED_USER_KEY = 'liaison.me';

/** Forgets the remembered user: the session is over. */
export function forgetRememberedUser() {
  remember(null);
}

function remember(user: User | null) {
  try {
    if (user) window.localStorage.setItem(REMEMBERED_USER_KEY, JSON.stringify(user));
    else window.localStorage.removeItem(REMEMBERED_USER_KEY);
  } catch {
    // Storage can be unavailable (privacy mode): the app then needs the network to start.
  }
}

function remembered(): User | null {
  try {
    const raw = window.localStorage.getItem(REMEMBERED_USER_KEY);
    const user = raw ? (JSON.parse(raw) as User) : null;
    return user && typeof user.id === 'number' && typeof user.role === 'string' ? user : null;
  } catch {
    return null;
  }
}

/**
 * The signed-in user, or null when there is no valid session (401). When
 * the server cannot be reached, the user last signed in on this device:
 * once the network is back, the next request says whether the session
 * still holds.
 */
export async function fetchMe(signal?: AbortSignal): Promise<User | null> {
  try {
    const user = await unwrap(api.GET('/api/v1/auth/me', { signal }));
    remember(user);
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      remember(null);
      return null;
    }
    const offline = error instanceof ApiError ? error.isNetworkError : error instanceof TypeError;
    const known = offline ? remembered() : null;
    if (known) return known;
    throw error;
  }
}

/**
 * Whether someone signed in on this browser and has not signed out since (or
 * been told their session is over). When no one has, there is no session to
 * find: the sign-in page need not ask "who am I" only to be answered 401,
 * which the browser reports as an error in its console.
 */
export function signedInHereBefore(): boolean {
  return remembered() !== null;
}

/** `enabled: false` answers from the cache only (the sign-in page on a browser no one signed in on). */
export function useMe({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => fetchMe(signal),
    enabled,
    staleTime: 5 * 60_000,
    // A user remembered while offline is confirmed as soon as the network is back.
    refetchOnReconnect: 'always',
  });
}

/**
 * Stores the user's language on their account (users may change their own
 * locale). The version comes from "me"; if the account changed meanwhile
 * (412), the fresh version is read and the change applied once more.
 */
export async function saveLocale(user: User, locale: Language): Promise<User> {
  const patch = (version: number) =>
    unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id }, header: ifMatch(version) }, body: { locale } }));
  try {
    return { ...user, ...(await patch(user.version)) };
  } catch (error) {
    if (!isStale(error)) throw error;
    const fresh = await unwrap(api.GET('/api/v1/auth/me'));
    return { ...fresh, ...(await patch(fresh.version)) };
  }
}

/** Marks a language picked before signing in, so the account takes it over at sign-in. */
export const CHOSEN_BEFORE_SIGN_IN_KEY = 'liaison.languageChosen';

function languageChosenBeforeSignIn(): boolean {
  try {
    return window.sessionStorage.getItem(CHOSEN_BEFORE_SIGN_IN_KEY) === '1';
  } catch {
    return false;
  }
}

function forgetLanguageChoice() {
  try {
    window.sessionStorage.removeItem(CHOSEN_BEFORE_SIGN_IN_KEY);
  } catch {
    // Nothing was stored.
  }
}

/**
 * Changes the UI language; when signed in, the choice is saved on the
 * account so it follows the person to any browser.
 */
export function useChangeLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (language: Language) => {
      await changeLanguage(language);
      const me = queryClient.getQueryData<User | null>(authKeys.me());
      if (!me) {
        try {
          window.sessionStorage.setItem(CHOSEN_BEFORE_SIGN_IN_KEY, '1');
        } catch {
          // The choice still holds on this browser.
        }
        return null;
      }
      if (me.locale === language) return me;
      return saveLocale(me, language);
    },
    onSuccess: (user) => {
      if (!user) return;
      queryClient.setQueryData(authKeys.me(), user);
      void invalidateAfter(queryClient, 'user');
    },
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: LoginInput) => {
      await unwrap(api.POST('/api/v1/auth/login', { body }));
      // "me" is more than the sign-in's answer (two-factor state): read it whole.
      const user = await unwrap(api.GET('/api/v1/auth/me'));
      // A language picked on the sign-in page is what the person wants now:
      // their account takes it over; otherwise the account's language applies.
      const picked = currentLanguage();
      if (languageChosenBeforeSignIn() && picked !== user.locale) {
        forgetLanguageChoice();
        return saveLocale(user, picked).catch(() => user);
      }
      forgetLanguageChoice();
      return user;
    },
    onSuccess: (user) => {
      // Whatever another account had cached must not leak into this session.
      forgetServerState(queryClient);
      remember(user);
      queryClient.setQueryData(authKeys.me(), user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    onSettled: () => {
      // Even if the server call failed the user asked to leave: forget everything,
      // their unsaved drafts on this device too.
      const me = queryClient.getQueryData<User | null>(authKeys.me());
      if (me) forgetDrafts(me.id);
      forgetServerState(queryClient);
      remember(null);
      queryClient.setQueryData(authKeys.me(), null);
    },
  });
}
