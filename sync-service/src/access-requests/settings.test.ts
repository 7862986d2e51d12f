import { describe, expect, it } from 'vitest';
import { accessRequestSettings, parseAccessRequestSettings } from './settings.js';

describe('what an approved access request gives (configuration)', () => {
  it('R22: by default an approved observer gets the company journal\'s read right', () => {
    expect(accessRequestSettings({}).observerRights).toEqual([{ serviceId: 'company-journal', rightId: 'read' }]);
  });

  it('a right outside the catalogue stops the start, naming the file (a typo would silently give nothing)', () => {
    expect(parseAccessRequestSettings({ observerRights: [] }, 'a.json').observerRights).toEqual([]);
    expect(() => parseAccessRequestSettings({ observerRights: [{ serviceId: 'company-journal', rightId: 'raed' }] }, 'a.json')).toThrow('a.json: "observerRights" must list rights of the catalogue');
    expect(() => parseAccessRequestSettings({ observerRights: 'company-journal:read' }, 'a.json')).toThrow('a.json');
  });
});
