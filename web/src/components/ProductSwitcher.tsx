import { useId } from 'react';
import { useNavigate } from 'react-router-dom';

import { productLabel } from '../api/labels';
import type { MyProduct } from '../api/types';

interface Props {
  products: MyProduct[];
  currentId: string | null;
  /** The current product page kind (e.g. "backlog"), kept when switching; null → overview. */
  pageKind: string | null;
}

export function ProductSwitcher({ products, currentId, pageKind }: Props) {
  const navigate = useNavigate();
  const id = useId();
  const value = currentId && products.some((p) => p.id === currentId) ? currentId : '';

  return (
    <div className="product-switcher">
      <label htmlFor={id}>Product</label>
      <select
        id={id}
        value={value}
        disabled={products.length === 0}
        onChange={(e) => {
          const next = e.target.value;
          if (next) navigate(`/products/${encodeURIComponent(next)}/${pageKind ?? 'overview'}`);
        }}
      >
        {value === '' && (
          <option value="" disabled>
            {products.length === 0 ? 'No products' : 'Choose a product…'}
          </option>
        )}
        {products.map((p) => (
          <option key={p.id} value={p.id}>
            {productLabel(p)}
          </option>
        ))}
      </select>
    </div>
  );
}
