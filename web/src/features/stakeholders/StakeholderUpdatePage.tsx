import { useState } from 'react';
import { Link } from 'react-router-dom';

import { voiceApi } from '../../api/voice';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { Markdown } from '../items/Markdown';
import { useMe } from '../session/SessionContext';
import { canReadMarket, daysBefore, todayUtc } from '../voice/voiceModel';

/**
 * The stakeholder update for a period (default the last 30 days): what shipped, what is next,
 * goal progress and risks, rendered from the server's Markdown; copy it, or open or download
 * the server's HTML document.
 */
export function StakeholderUpdatePage({ productId }: { productId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const mayRead = canReadMarket(roles);
  const today = todayUtc();
  const [from, setFrom] = useState(daysBefore(today, 30));
  const [to, setTo] = useState(today);
  const doc = useAsync(
    (signal) => (mayRead && from && to ? voiceApi.stakeholderUpdateMarkdown(productId, from, to, signal) : Promise.resolve('')),
    [productId, from, to, mayRead],
  );
  const [notice, setNotice] = useState<string | null>(null);

  async function copy() {
    if (!doc.data) return;
    try {
      await navigator.clipboard.writeText(doc.data);
      setNotice('Copied the update as Markdown.');
    } catch {
      setNotice('Could not copy: select the Markdown below instead.');
    }
  }

  const base = `/products/${encodeURIComponent(productId)}`;
  const htmlUrl = voiceApi.stakeholderUpdateHtmlUrl(productId, from, to);
  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Stakeholder update">Stakeholder update</PageHeading>
        <Link to={`${base}/stakeholders`}>Stakeholders</Link>
      </div>
      {!mayRead ? (
        <p className="muted">The stakeholder update is for the product's team, managers and executives.</p>
      ) : (
        <>
          <div className="toolbar">
            <label>
              From <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label>
              To <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
            </label>
            <button type="button" onClick={() => void copy()} disabled={!doc.data}>
              Copy Markdown
            </button>
            {/* The server's HTML document, fetched by the browser with the session cookie. */}
            <a href={htmlUrl} target="_blank" rel="noopener noreferrer">
              Open HTML
            </a>
            <a href={htmlUrl} download={`stakeholder-update-${from}-to-${to}.html`}>
              Download HTML
            </a>
          </div>
          {notice && <p role="status">{notice}</p>}
          {doc.status === 'error' && (
            <ErrorState error={doc.error} title="Could not build the update" onRetry={doc.reload} />
          )}
          {doc.status === 'loading' && !doc.data && <Loading />}
          {doc.status === 'ready' && doc.data && (
            <>
              <article aria-label="Update">
                <Markdown text={doc.data} className="stakeholder-update" topLevel={2} />
              </article>
              <details>
                <summary>Markdown</summary>
                <pre className="notes-source" aria-label="Update as Markdown">
                  {doc.data}
                </pre>
              </details>
            </>
          )}
        </>
      )}
    </section>
  );
}
