// The ids of the votes this browser cast, so a vote can be taken back later: the API answers an
// idea with `voted` but not with the vote's id, which only POST /ideas/{id}/votes returns.
const key = (userId: string, ideaId: string, customerId?: string) =>
  `throughline.ideaVote.${userId}.${ideaId}${customerId ? `.${customerId}` : ''}`;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function rememberVote(userId: string, ideaId: string, voteId: string, customerId?: string): void {
  storage()?.setItem(key(userId, ideaId, customerId), voteId);
}

export function rememberedVote(userId: string, ideaId: string, customerId?: string): string | null {
  return storage()?.getItem(key(userId, ideaId, customerId)) ?? null;
}

export function forgetVote(userId: string, ideaId: string, customerId?: string): void {
  storage()?.removeItem(key(userId, ideaId, customerId));
}

/** The customers whose votes on `ideaId` this browser recorded, with the vote ids. */
export function rememberedCustomerVotes(userId: string, ideaId: string): { customerId: string; voteId: string }[] {
  const s = storage();
  if (!s) return [];
  const prefix = `${key(userId, ideaId)}.`;
  const out: { customerId: string; voteId: string }[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k && k.startsWith(prefix)) out.push({ customerId: k.slice(prefix.length), voteId: s.getItem(k) ?? '' });
  }
  return out;
}
