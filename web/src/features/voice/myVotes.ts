// The ids of the votes this browser recorded on behalf of customers, so the PM or PO can take
// one back later: an idea answers its customer votes as a count, and only POST
// /ideas/{id}/votes returns a vote's id. (One's own vote is the idea's `my_vote_id`.)
const key = (userId: string, ideaId: string, customerId?: string) =>
  `throughline.ideaVote.${userId}.${ideaId}${customerId ? `.${customerId}` : ''}`;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function rememberCustomerVote(userId: string, ideaId: string, customerId: string, voteId: string): void {
  storage()?.setItem(key(userId, ideaId, customerId), voteId);
}

export function forgetCustomerVote(userId: string, ideaId: string, customerId: string): void {
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
