import { describe, expect, it } from 'vitest';

import { settingsX2 } from '../../test/backlogFixtures';
import { changedSections, deriveKey, fromSettings, isDirty, parseScale, placeIssues, toSections } from './settingsDraft';

describe('settings draft', () => {
  it('derives keys from names', () => {
    expect(deriveKey('In QA')).toBe('in_qa');
    expect(deriveKey('  Größe / Gewicht ')).toBe('grosse_gewicht');
    expect(deriveKey('3D print ready')).toBe('');
    expect(deriveKey('Café-Test!')).toBe('cafe_test');
    expect(deriveKey('!!!')).toBe('');
  });

  it('parses and checks a point scale', () => {
    expect(parseScale('0, 0.5, 1 2;3')).toEqual({ values: [0, 0.5, 1, 2, 3], problem: null });
    expect(parseScale('1, two').problem).toBe('"two" is not a number');
    expect(parseScale('1, 3, 2').problem).toMatch(/2 must be above 3/);
    expect(parseScale(' ').problem).toBe('Enter at least one value');
    expect(parseScale('1, 2000').problem).toMatch(/outside 0 to 1000/);
  });

  it('round-trips unchanged settings to no changes', () => {
    const draft = fromSettings(settingsX2);
    expect(isDirty(draft, settingsX2)).toBe(false);
    const { sections, issues } = toSections(draft);
    expect(issues).toEqual([]);
    expect(changedSections(settingsX2, sections)).toEqual({});
  });

  it('names only the changed sections, compares transitions as a set, omits ids of new entries', () => {
    const base = { ...settingsX2, transitions: [{ from: 'new', to: 'ready' }, { from: 'ready', to: 'new' }] };
    const draft = fromSettings(base);
    draft.moves = [...draft.moves].reverse();
    draft.dod = [...draft.dod, { uid: 'new:x', text: ' Demoed ' }];
    const { sections } = toSections(draft);
    expect(changedSections(base, sections)).toEqual({
      definition_of_done: [{ id: 'dod_1', text: 'Tested' }, { text: 'Demoed' }],
    });
  });

  it('checks the draft the way the server does and places issues on rows', () => {
    const draft = fromSettings(settingsX2);
    draft.statuses = draft.statuses.filter((s) => s.category !== 'done');
    draft.statuses.push({ uid: 'new:1', key: 'new', name: '', category: 'to_do', wipLimit: '1.5', saved: false, keyEdited: true });
    draft.anyMove = false;
    draft.moves = [];
    draft.fields.push({ uid: 'new:2', key: 'cost', name: 'Cost', type: 'single_select', options: '\n', required: false, saved: false, keyEdited: false });
    const { issues } = toSections(draft);
    expect(issues.map((i) => i.field)).toEqual([
      'statuses.3.key',
      'statuses.3.name',
      'statuses.3.wip_limit',
      'statuses',
      'transitions',
      'fields.1.options',
    ]);
    const placed = placeIssues(issues, draft);
    expect(placed[0]).toEqual({ target: 'status:new:1:key', section: 'statuses', text: 'Key is used twice' });
    expect(placed[3]).toEqual({ target: 'statuses', section: 'statuses', text: 'Needs at least one status in the category Done' });
    expect(placed[5].target).toBe('field:new:2:options');
    expect(placeIssues([{ field: 'point_scale.2', issue: 'must be above the one before' }], draft)[0]).toEqual({
      target: 'point_scale',
      section: 'point_scale',
      text: 'Value 3 must be above the one before',
    });
    expect(placeIssues([{ field: 'If-Match', issue: 'must be a version' }], draft)[0].target).toBe('general');
  });
});
