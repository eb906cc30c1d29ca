import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { voiceApi } from '../../api/voice';
import type { Customer, CustomerInput } from '../../api/voiceTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { canReadMarket, canWriteMarket, formatRevenue } from './voiceModel';

function CustomerForm({
  initial,
  label,
  onSave,
  onCancel,
}: {
  initial?: Customer;
  label: string;
  onSave: (input: CustomerInput) => Promise<void>;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [segment, setSegment] = useState(initial?.segment ?? '');
  const [region, setRegion] = useState(initial?.region ?? '');
  const [revenue, setRevenue] = useState(initial?.revenue_per_year == null ? '' : String(initial.revenue_per_year));
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    try {
      await onSave({
        name: name.trim(),
        segment: segment.trim(),
        region: region.trim(),
        revenue_per_year: revenue.trim() === '' ? null : Number(revenue),
        notes,
      });
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      setError(apiErr.message);
    }
  }

  return (
    <form className="card form-grid wide" aria-label={label} onSubmit={onSubmit}>
      <label className="field">
        Name <input value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
        {errors.name && <span className="field-error">{errors.name}</span>}
      </label>
      <div className="field-grid">
        <label className="field">
          Segment <input value={segment} maxLength={100} onChange={(e) => setSegment(e.target.value)} />
        </label>
        <label className="field">
          Region <input value={region} maxLength={100} onChange={(e) => setRegion(e.target.value)} />
        </label>
        <label className="field">
          Revenue per year
          <input type="number" min={0} step="any" value={revenue} onChange={(e) => setRevenue(e.target.value)} />
          {errors.revenue_per_year && <span className="field-error">{errors.revenue_per_year}</span>}
        </label>
      </div>
      <label className="field">
        Notes <textarea rows={2} value={notes} maxLength={10000} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary">
          Save customer
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ContactForm({ customer, onAdded }: { customer: Customer; onAdded: () => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await voiceApi.addContact(customer.id, { name: name.trim(), email: email.trim(), role: role.trim() });
      setName('');
      setEmail('');
      setRole('');
      onAdded();
    } catch (err) {
      const apiErr = toApiError(err);
      const fields = apiErr.details.map((d) => `${d.field}: ${d.issue}`).join('; ');
      setError(fields || apiErr.message);
    }
  }

  return (
    <form className="inline-form" aria-label={`New contact of ${customer.name}`} onSubmit={onSubmit}>
      <input aria-label="Contact name" placeholder="Name" required value={name} onChange={(e) => setName(e.target.value)} />
      <input aria-label="Contact e-mail" placeholder="E-mail" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <input aria-label="Contact role" placeholder="Role" value={role} onChange={(e) => setRole(e.target.value)} />
      <button type="submit">Add contact</button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

/** The product's customers and their contacts; the PM keeps them; revenue only with market.read. */
export function CustomersPage({ productId }: { productId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const canWrite = canWriteMarket(roles);
  const showRevenue = canReadMarket(roles);
  const [q, setQ] = useState('');
  const [segment, setSegment] = useState('');
  const customers = useAsync((signal) => voiceApi.customers(productId, { q, segment }, signal), [productId, q, segment]);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useLiveEvents(
    (e) => e.product_id === productId && e.entity_type === 'customer',
    () => customers.refresh(),
  );

  async function remove(c: Customer) {
    if (!window.confirm(`Delete ${c.name}, its contacts and the votes cast for it?`)) return;
    try {
      await voiceApi.deleteCustomer(c.id);
      customers.refresh();
    } catch (e) {
      setNotice(toApiError(e).message);
    }
  }

  async function removeContact(id: string) {
    try {
      await voiceApi.deleteContact(id);
      customers.refresh();
    } catch (e) {
      setNotice(toApiError(e).message);
    }
  }

  const base = `/products/${encodeURIComponent(productId)}`;
  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Customers">Customers</PageHeading>
        <Link to={`${base}/feedback`}>Feedback</Link>
        <Link to={`${base}/demand`}>Demand</Link>
        {canWrite && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New customer
          </button>
        )}
      </div>
      {creating && (
        <CustomerForm
          label="New customer"
          onCancel={() => setCreating(false)}
          onSave={async (input) => {
            await voiceApi.createCustomer(productId, input);
            setCreating(false);
            customers.refresh();
          }}
        />
      )}
      {notice && (
        <p className="alert alert-error" role="alert">
          {notice}
        </p>
      )}
      <div className="toolbar">
        <label>
          Search <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label>
          Segment <input value={segment} onChange={(e) => setSegment(e.target.value)} />
        </label>
      </div>
      {customers.status === 'error' && !customers.data && (
        <ErrorState error={customers.error} title="Could not load the customers" onRetry={customers.reload} />
      )}
      {!customers.data && customers.status === 'loading' && <Loading />}
      {customers.data && customers.data.length === 0 && <p className="muted">No customers.</p>}
      {customers.data && customers.data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Customers</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Segment</th>
              <th scope="col">Region</th>
              {showRevenue && (
                <th scope="col" className="num">
                  Revenue per year
                </th>
              )}
              <th scope="col">Contacts</th>
              {canWrite && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {customers.data.map((c) =>
              editing === c.id ? (
                <tr key={c.id}>
                  <td colSpan={showRevenue ? 6 : 5}>
                    <CustomerForm
                      initial={c}
                      label={`Edit ${c.name}`}
                      onCancel={() => setEditing(null)}
                      onSave={async (input) => {
                        await voiceApi.updateCustomer(c.id, c.version, input);
                        setEditing(null);
                        customers.refresh();
                      }}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={c.id}>
                  <td>
                    <strong>{c.name}</strong>
                    {c.notes && <div className="muted">{c.notes}</div>}
                  </td>
                  <td>{c.segment}</td>
                  <td>{c.region}</td>
                  {showRevenue && <td className="num">{formatRevenue(c.revenue_per_year)}</td>}
                  <td>
                    <ul className="plain-list">
                      {c.contacts.map((k) => (
                        <li key={k.id}>
                          {k.name}
                          {k.role && `, ${k.role}`}
                          {k.email && (
                            <>
                              {' '}
                              <a href={`mailto:${k.email}`}>{k.email}</a>
                            </>
                          )}
                          {canWrite && (
                            <button
                              type="button"
                              className="link-button"
                              aria-label={`Remove contact ${k.name}`}
                              onClick={() => void removeContact(k.id)}
                            >
                              Remove
                            </button>
                          )}
                        </li>
                      ))}
                    </ul>
                    {canWrite && <ContactForm customer={c} onAdded={() => customers.refresh()} />}
                  </td>
                  {canWrite && (
                    <td>
                      <button type="button" onClick={() => setEditing(c.id)} aria-label={`Edit ${c.name}`}>
                        Edit
                      </button>{' '}
                      <button type="button" className="link-button" onClick={() => void remove(c)} aria-label={`Delete ${c.name}`}>
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
