import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { BacklogSettings } from '../../api/backlogTypes';
import { productForBob, settingsX2 } from '../../test/backlogFixtures';
import { changeEvent, installFakeEventSource } from '../../test/fakeEventSource';
import { aliceMe, bobMe, productX2 } from '../../test/fixtures';
import { apiError, mockApi, type MockRequest, type Route } from '../../test/mockApi';
import { renderApp } from '../../test/renderApp';

const SETTINGS = '/products/p-x2/backlog-settings';

function ifMatchOf(req: MockRequest): string | undefined {
  return (req.init?.headers as Record<string, string> | undefined)?.['If-Match'];
}

async function openSettings(extra: Record<string, Route | Route[]> = {}, me = bobMe) {
  const api = mockApi({
    'GET /me': { body: me },
    'GET /products/p-x2': { body: me === bobMe ? productForBob : productX2 },
    [`GET ${SETTINGS}`]: { body: settingsX2, headers: { ETag: '"1"' } },
    ...extra,
  });
  const utils = renderApp('/products/p-x2/settings');
  await screen.findByRole('heading', { level: 1, name: 'Backlog settings' });
  return { api, ...utils };
}

const statusesSection = () => screen.getByRole('region', { name: 'Workflow statuses' });
const fieldsSection = () => screen.getByRole('region', { name: 'Custom fields' });

describe('SettingsPage', () => {
  it('shows the loaded settings in every section', async () => {
    await openSettings();
    const statuses = statusesSection();
    expect(within(statuses).getAllByRole('textbox').map((i) => (i as HTMLInputElement).value)).toEqual([
      'New',
      'Ready',
      'In progress',
      'Done',
    ]);
    expect(within(statuses).getByText('in_progress')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Category of status In progress' })).toHaveValue('in_progress');
    expect(screen.getByRole('spinbutton', { name: 'WIP limit of status In progress' })).toHaveValue(2);
    expect(screen.getByRole('radio', { name: 'Allow every move (any status to any status)' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Definition of Ready entry 1' })).toHaveValue('Criteria written');
    expect(screen.getByRole('textbox', { name: 'Definition of Done entry 1' })).toHaveValue('Tested');
    expect(screen.getByLabelText('Point scale')).toHaveValue('0, 1, 2, 3, 5, 8, 13');
    expect(screen.getByLabelText('Split threshold')).toHaveValue(13);
    expect(within(fieldsSection()).getByRole('textbox', { name: 'Name of field 1' })).toHaveValue('Risk');
    expect(screen.getByRole('textbox', { name: 'Options of field Risk' })).toHaveValue('low\nmedium\nhigh');
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeDisabled();
  });

  it('adds a status with a key made from its name and saves only the statuses with If-Match', async () => {
    const saved: BacklogSettings = {
      ...settingsX2,
      statuses: [...settingsX2.statuses.slice(0, 3), { key: 'in_qa', name: 'In QA', category: 'in_progress', wip_limit: 3 }, settingsX2.statuses[3]],
      version: 2,
    };
    const { api, user } = await openSettings({ [`PATCH ${SETTINGS}`]: { body: saved, headers: { ETag: '"2"' } } });

    await user.click(screen.getByRole('button', { name: 'Add status' }));
    const name = screen.getByRole('textbox', { name: 'Name of status 5' });
    expect(name).toHaveFocus();
    await user.type(name, 'In QA');
    expect(screen.getByRole('textbox', { name: 'Key of status In QA' })).toHaveValue('in_qa');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Category of status In QA' }), 'In progress');
    const wip = screen.getByRole('spinbutton', { name: 'WIP limit of status In QA' });
    await user.clear(wip);
    await user.type(wip, '3');
    await user.click(screen.getByRole('button', { name: 'Move status In QA up' }));
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    await screen.findByText('Saved the workflow statuses (version 2).');
    const [patch] = api.callsTo('PATCH', SETTINGS);
    expect(ifMatchOf(patch)).toBe('"1"');
    expect(patch.body).toEqual({
      statuses: [
        { key: 'new', name: 'New', category: 'to_do', wip_limit: 0 },
        { key: 'ready', name: 'Ready', category: 'to_do', wip_limit: 0 },
        { key: 'in_progress', name: 'In progress', category: 'in_progress', wip_limit: 2 },
        { key: 'in_qa', name: 'In QA', category: 'in_progress', wip_limit: 3 },
        { key: 'done', name: 'Done', category: 'done', wip_limit: 0 },
      ],
    });
    // The saved state: the new key is fixed now, nothing is left to save.
    expect(within(statusesSection()).getByText('in_qa')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Key of status In QA' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeDisabled();
    expect(screen.getByText(/Version 2/)).toBeInTheDocument();
  });

  it('shows a 409 at the statuses and lets the removed status be restored', async () => {
    const { api, user } = await openSettings({
      [`PATCH ${SETTINGS}`]: apiError(409, 'conflict', 'the status ready is used by 3 items; move them first', [
        { field: 'statuses', issue: 'still needs ready' },
      ]),
    });
    await user.click(screen.getByRole('button', { name: 'Remove status Ready' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not saved');
    expect(alert).toHaveTextContent('Workflow statuses: The status ready is used by 3 items; move them first');
    expect(within(statusesSection()).getByText('The status ready is used by 3 items; move them first')).toBeInTheDocument();
    expect(api.callsTo('PATCH', SETTINGS)[0].body).toEqual({
      statuses: settingsX2.statuses.filter((s) => s.key !== 'ready'),
    });

    await user.click(screen.getByRole('button', { name: 'Restore status Ready' }));
    expect(screen.getByRole('textbox', { name: 'Name of status 2' })).toHaveValue('Ready');
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeDisabled();
  });

  it('shows the 400 issues next to the inputs they name', async () => {
    const { user } = await openSettings({
      [`PATCH ${SETTINGS}`]: apiError(400, 'validation_failed', 'the request has invalid fields', [
        { field: 'fields.1.key', issue: 'is a built-in field name of the query language' },
        { field: 'point_scale.1', issue: 'must be 0 to 1000' },
      ]),
    });
    await user.click(screen.getByRole('button', { name: 'Add custom field' }));
    await user.type(screen.getByRole('textbox', { name: 'Name of field 2' }), 'Type');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    const key = screen.getByRole('textbox', { name: 'Key of field Type' });
    await waitFor(() => expect(key).toHaveAttribute('aria-invalid', 'true'));
    expect(key).toHaveAccessibleDescription('Key is a built-in field name of the query language');
    expect(screen.getByLabelText('Point scale')).toHaveAccessibleDescription(/Value 2 must be 0 to 1000/);
    expect(screen.getByRole('alert')).toHaveTextContent('Custom fields: Key is a built-in field name of the query language');
  });

  it('checks the draft before sending', async () => {
    const { api, user } = await openSettings();
    await user.clear(screen.getByLabelText('Point scale'));
    await user.type(screen.getByLabelText('Point scale'), '1, 3, 2');
    expect(screen.getByLabelText('Point scale')).toHaveAccessibleDescription(/2 must be above 3/);
    await user.click(screen.getByRole('radio', { name: 'Allow only the moves ticked below' }));
    await user.click(screen.getByRole('button', { name: 'Untick every move' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Not saved: correct the entries marked below.');
    expect(screen.getByRole('alert')).toHaveTextContent('Transitions: Tick at least one move');
    expect(api.callsTo('PATCH', SETTINGS)).toHaveLength(0);
  });

  it('sends only the ticked moves when moves are restricted', async () => {
    const { api, user } = await openSettings({ [`PATCH ${SETTINGS}`]: { body: { ...settingsX2, version: 2 } } });
    await user.click(screen.getByRole('radio', { name: 'Allow only the moves ticked below' }));
    await user.click(screen.getByRole('button', { name: 'Untick every move' }));
    await user.click(screen.getByRole('checkbox', { name: 'Allow New to Ready' }));
    await user.click(screen.getByRole('checkbox', { name: 'Allow Ready to In progress' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(api.callsTo('PATCH', SETTINGS)).toHaveLength(1));
    expect(api.callsTo('PATCH', SETTINGS)[0].body).toEqual({
      transitions: [
        { from: 'new', to: 'ready' },
        { from: 'ready', to: 'in_progress' },
      ],
    });
  });

  it('after a 412 offers to reload the current settings, discarding the draft', async () => {
    const current: BacklogSettings = { ...settingsX2, split_threshold: 8, version: 5 };
    const { user } = await openSettings({
      [`PATCH ${SETTINGS}`]: {
        status: 412,
        body: { error: { code: 'precondition_failed', message: 'changed since version 1', details: [] }, current },
      },
    });
    await user.clear(screen.getByLabelText('Split threshold'));
    await user.type(screen.getByLabelText('Split threshold'), '20');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else saved the settings (now version 5)');
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeDisabled();
    await user.click(within(alert).getByRole('button', { name: /Reload the current settings/ }));
    expect(screen.getByLabelText('Split threshold')).toHaveValue(8);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText(/Version 5/)).toBeInTheDocument();
  });

  it('adds a single-select custom field with options; removing a saved field asks first', async () => {
    const { api, user } = await openSettings({ [`PATCH ${SETTINGS}`]: { body: { ...settingsX2, version: 2 } } });
    await user.click(screen.getByRole('button', { name: 'Add custom field' }));
    await user.type(screen.getByRole('textbox', { name: 'Name of field 2' }), 'Hardware risk');
    expect(screen.getByRole('textbox', { name: 'Key of field Hardware risk' })).toHaveValue('hardware_risk');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type of field Hardware risk' }), 'Single select');
    await user.type(screen.getByRole('textbox', { name: 'Options of field Hardware risk' }), 'motor{Enter}battery{Enter} gimbal {Enter}');
    await user.click(screen.getByRole('checkbox', { name: 'Field Hardware risk is required' }));

    await user.click(screen.getByRole('button', { name: 'Remove field Risk' }));
    const confirm = screen.getByRole('group', { name: 'Confirm removing field Risk' });
    expect(confirm).toHaveTextContent('deletes its value on every item');
    await user.click(within(confirm).getByRole('button', { name: 'Keep field' }));
    expect(screen.getByRole('textbox', { name: 'Name of field 1' })).toHaveValue('Risk');

    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(api.callsTo('PATCH', SETTINGS)).toHaveLength(1));
    expect(api.callsTo('PATCH', SETTINGS)[0].body).toEqual({
      fields: [
        { id: 'fld_1', key: 'risk', name: 'Risk', type: 'single_select', options: ['low', 'medium', 'high'], required: false },
        { key: 'hardware_risk', name: 'Hardware risk', type: 'single_select', options: ['motor', 'battery', 'gimbal'], required: true },
      ],
    });
  });

  it('removes a saved field after confirmation, and can restore it before saving', async () => {
    const { user } = await openSettings();
    await user.click(screen.getByRole('button', { name: 'Remove field Risk' }));
    await user.click(screen.getByRole('button', { name: 'Remove field and values' }));
    expect(screen.queryByRole('textbox', { name: 'Name of field 1' })).not.toBeInTheDocument();
    expect(fieldsSection()).toHaveTextContent('Removed when you save, with their values on every item');
    await user.click(screen.getByRole('button', { name: 'Restore field Risk' }));
    expect(screen.getByRole('textbox', { name: 'Name of field 1' })).toHaveValue('Risk');
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeDisabled();
  });

  it('is read-only for someone who is not the Product Owner', async () => {
    const { api } = await openSettings({}, aliceMe);
    expect(await screen.findByText(/only the Product Owner \(Bob Chen\) can change/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Name of status 1' })).toBeDisabled();
    expect(screen.getByRole('spinbutton', { name: 'WIP limit of status In progress' })).toBeDisabled();
    expect(screen.getByLabelText('Point scale')).toBeDisabled();
    expect(screen.getByRole('textbox', { name: 'Options of field Risk' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save settings' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add status' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove field Risk' })).not.toBeInTheDocument();
    expect(api.callsTo('PATCH', SETTINGS)).toHaveLength(0);
  });

  it('guards the first save of never-saved settings with If-Match "0"', async () => {
    const { api, user } = await openSettings({
      [`GET ${SETTINGS}`]: { body: { ...settingsX2, version: 0 } },
      [`PATCH ${SETTINGS}`]: { body: { ...settingsX2, split_threshold: 8, version: 1 } },
    });
    await user.clear(screen.getByLabelText('Split threshold'));
    await user.type(screen.getByLabelText('Split threshold'), '8');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Saved the split threshold (version 1).');
    const [patch] = api.callsTo('PATCH', SETTINGS);
    expect(patch.body).toEqual({ split_threshold: 8 });
    expect(ifMatchOf(patch)).toBe('"0"');
  });

  it('follows settings saved elsewhere while nothing is edited, and warns once something is', async () => {
    const ES = installFakeEventSource();
    const { api, user } = await openSettings();
    act(() => ES.latest().open());
    const byCarol = { entity_type: 'backlog_settings', action: 'updated', actor: { id: 'u-carol', name: 'Carol Diaz' } };

    api.set(`GET ${SETTINGS}`, { body: { ...settingsX2, split_threshold: 8, version: 2 } });
    act(() => ES.latest().change(changeEvent(byCarol)));
    await waitFor(() => expect(screen.getByLabelText('Split threshold')).toHaveValue(8));
    expect(screen.getByRole('status')).toHaveTextContent('Carol Diaz saved the settings; this is the current version.');

    await user.type(screen.getByRole('textbox', { name: 'Definition of Done entry 1' }), ' and demoed');
    api.set(`GET ${SETTINGS}`, { body: { ...settingsX2, split_threshold: 5, version: 3 } });
    act(() => ES.latest().change(changeEvent(byCarol)));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Carol Diaz saved the settings (now version 3) while you were editing.');
    // The draft stays on screen until the user reloads.
    expect(screen.getByRole('textbox', { name: 'Definition of Done entry 1' })).toHaveValue('Tested and demoed');
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeDisabled();
    await user.click(within(alert).getByRole('button', { name: /Reload the current settings/ }));
    expect(screen.getByRole('textbox', { name: 'Definition of Done entry 1' })).toHaveValue('Tested');
    expect(screen.getByLabelText('Split threshold')).toHaveValue(5);
  });

  it('is linked from the main navigation and the backlog page', async () => {
    mockApi({
      'GET /me': { body: bobMe },
      'GET /products/p-x2': { body: productForBob },
      'GET /products/p-x2/items': { body: { data: [], next_cursor: null } },
      [`GET ${SETTINGS}`]: { body: settingsX2 },
      'GET /products/p-x2/views': { body: { data: [], next_cursor: null } },
    });
    const { user, location } = renderApp('/products/p-x2/backlog');
    await screen.findByText('The backlog is empty.');
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Settings' })).toHaveAttribute(
      'href',
      '/products/p-x2/settings',
    );
    await user.click(screen.getByRole('link', { name: 'Backlog settings' }));
    expect(location()).toBe('/products/p-x2/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Backlog settings' })).toBeInTheDocument();
  });
});
