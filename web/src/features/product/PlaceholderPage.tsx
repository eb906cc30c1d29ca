import { PageHeading } from '../../components/PageHeading';

const PAGES = {
  strategy: {
    title: 'Strategy',
    text: "This page will hold the product's vision, goals and key results, initiatives and roadmap.",
  },
  backlog: {
    title: 'Backlog',
    text: 'This page will hold the ranked product backlog of epics, features and stories.',
  },
  board: {
    title: 'Board',
    text: "This page will hold the team's board of work items by status.",
  },
} as const;

export type PlaceholderKind = keyof typeof PAGES;

/** A product page whose content is not built yet: heading and what will be there. */
export function PlaceholderPage({ kind }: { kind: PlaceholderKind }) {
  const { title, text } = PAGES[kind];
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="muted">{text}</p>
    </section>
  );
}
