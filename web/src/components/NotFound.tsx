import { Link } from 'react-router-dom';

import { PageHeading } from './PageHeading';

export function NotFound() {
  return (
    <section>
      <PageHeading title="Not found">Page not found</PageHeading>
      <p>
        There is nothing at this address. <Link to="/">Go to your home page</Link>.
      </p>
    </section>
  );
}
