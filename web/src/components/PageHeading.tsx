import { useEffect, type ReactNode } from 'react';

/** The page's h1; also sets the document title. */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  useEffect(() => {
    document.title = `${title} · Throughline`;
  }, [title]);
  return <h1>{children}</h1>;
}
