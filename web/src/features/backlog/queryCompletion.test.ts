import { describe, expect, it } from 'vitest';

import { settingsX2 } from '../../test/backlogFixtures';
import { applySuggestion, complete, completionSource, quoteValue } from './queryCompletion';

const source = completionSource(settingsX2, ['camera', 'battery'], ['dave@skylift.example']);
const texts = (q: string, caret = q.length) => complete(q, caret, source).suggestions.map((s) => s.text);

describe('query completion', () => {
  it('offers field names at the start, custom field keys included, filtered by what is typed', () => {
    expect(texts('')).toContain('type');
    expect(texts('')).toContain('risk');
    expect(texts('st')).toEqual(['status']);
    expect(texts('ri')).toEqual(['risk']);
  });

  it('offers operators after a field and values after an operator', () => {
    expect(texts('type ')).toEqual(expect.arrayContaining(['=', '!=', 'IN', 'NOT IN', 'IS']));
    expect(texts('type = ')).toEqual(expect.arrayContaining(['story', 'epic', 'tech-debt']));
    expect(texts('status = i')).toEqual(['in_progress']);
    expect(texts('label = ')).toEqual(['camera', 'battery']);
    expect(texts('risk != ')).toEqual(['low', 'medium', 'high']);
    expect(texts('assignee = ')).toEqual(['me', 'dave@skylift.example']);
  });

  it('offers connectors after a value, fields after AND, and values inside IN lists', () => {
    expect(texts('type = story ')).toEqual(['AND', 'OR', 'ORDER BY']);
    expect(texts('type = story AND po')).toEqual(['points']);
    expect(texts('type IN (story, ')).toContain('bug');
    expect(texts('type = story ORDER BY ')).toContain('rank');
    expect(texts('type = story ORDER BY rank ')).toEqual(['ASC', 'DESC']);
  });

  it('replaces the word being typed and puts the caret after it', () => {
    const c = complete('type = st AND x', 9, source);
    expect(c.from).toBe(7);
    const next = applySuggestion('type = st AND x', 9, c.from, c.suggestions[0]);
    expect(next).toEqual({ text: 'type = story AND x', caret: 13 });
  });

  it('quotes values that are not plain words', () => {
    expect(quoteValue('story')).toBe('story');
    expect(quoteValue('tech-debt')).toBe('tech-debt');
    expect(quoteValue('AI drones')).toBe('"AI drones"');
    expect(quoteValue('empty')).toBe('"empty"');
  });
});
