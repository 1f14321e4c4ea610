import { api, call, type Schemas } from './api/client';

/** Who is signed in; `me` is null when no one is. The server holds the session (an httpOnly cookie). */
export const session = $state({ me: null as Schemas['MeDto'] | null, isLoaded: false });

export async function loadSession(): Promise<void> {
  try {
    session.me = await call(api.GET('/api/me'));
  } catch {
    session.me = null;
  }
  session.isLoaded = true;
}

export async function signOut(): Promise<void> {
  await call(api.POST('/api/auth/logout')).catch(() => undefined);
  session.me = null;
}
