import { serializeJson } from './json-serializer';
import { isWireReady, wireDate } from './wire-value';

describe('serializeJson', () => {
  it('writes an empty list as {} (no count, no array)', () => {
    expect(
      serializeJson({ responseName: 'listbackupsresponse', body: { kind: 'list', objectName: 'backup', items: [], count: 0 } }),
    ).toBe('{"listbackupsresponse":{}}');
  });

  it('writes count (the total) then the items under the object name, with no whitespace', () => {
    const body = { kind: 'list', objectName: 'zone', items: [{ id: 'z1', name: 'Zone 1' }], count: 7 } as const;
    expect(serializeJson({ responseName: 'listzonesresponse', body })).toBe(
      '{"listzonesresponse":{"count":7,"zone":[{"id":"z1","name":"Zone 1"}]}}',
    );
  });

  it('writes listed items the same whether they are already wire-ready or still need converting', () => {
    const created = new Date(Date.UTC(2019, 9, 1, 12, 0, 0));
    const items = [
      { id: 'b1', created: wireDate(created), size: 1, zone: undefined, ok: true },
      { id: 'b2', created, size: 2, zone: null, ok: false },
      { id: 'b3', created: wireDate(new Date(Number.NaN)), size: Number.NaN, ok: true },
    ];
    expect(isWireReady(items[0]!)).toBe(true);
    expect(isWireReady(items[1]!)).toBe(false);
    expect(isWireReady(items[2]!)).toBe(false);
    expect(serializeJson({ responseName: 'r', body: { kind: 'list', objectName: 'backup', items, count: 3 } })).toBe(
      '{"r":{"count":3,"backup":[{"id":"b1","created":"2019-10-01T12:00:00+0000","size":1,"ok":true},' +
        '{"id":"b2","created":"2019-10-01T12:00:00+0000","size":2,"ok":false},{"id":"b3","ok":true}]}}',
    );
  });

  it('writes only the count for a page past the end', () => {
    expect(
      serializeJson({ responseName: 'listzonesresponse', body: { kind: 'list', objectName: 'zone', items: [], count: 3 } }),
    ).toBe('{"listzonesresponse":{"count":3}}');
  });

  it('leaves out null and undefined fields, formats dates, keeps booleans, numbers, arrays and nested objects', () => {
    const item = {
      id: 'b1',
      externalid: null,
      description: undefined,
      created: new Date(Date.UTC(2019, 9, 1, 12, 0, 0, 456)),
      size: 1024,
      ratio: 1.5,
      allowed: false,
      volumes: [{ uuid: 'v1', type: 'ROOT', removed: null }],
      tags: [],
      details: new Map([['k', 'v']]),
    };
    expect(serializeJson({ responseName: 'x', body: { kind: 'object', objectName: 'backup', item } })).toBe(
      '{"x":{"backup":{"id":"b1","created":"2019-10-01T12:00:00+0000","size":1024,"ratio":1.5,"allowed":false,' +
        '"volumes":[{"uuid":"v1","type":"ROOT"}],"tags":[],"details":{"k":"v"}}}}',
    );
  });

  it("leaves < > & = ' and non-ASCII characters raw, and escapes quotes and backslashes", () => {
    const item = { name: `<a href='x'>&=é日本 "q" \\` };
    expect(serializeJson({ responseName: 'r', body: { kind: 'flat', fields: item } })).toBe(
      `{"r":{"name":"<a href='x'>&=é日本 \\"q\\" \\\\"}}`,
    );
  });

  it('writes success, with displaytext when set', () => {
    expect(serializeJson({ responseName: 'deletebackupofferingresponse', body: { kind: 'success' } })).toBe(
      '{"deletebackupofferingresponse":{"success":true}}',
    );
    expect(serializeJson({ responseName: 'r', body: { kind: 'success', displayText: 'done' } })).toBe(
      '{"r":{"success":true,"displaytext":"done"}}',
    );
  });

  it('writes the error envelope, without cserrorcode when there is none', () => {
    expect(
      serializeJson({
        responseName: 'listzonesresponse',
        body: { kind: 'error', errorCode: 431, csErrorCode: 9999, errorText: 'bad', uuidList: [] },
      }),
    ).toBe('{"listzonesresponse":{"uuidList":[],"errorcode":431,"cserrorcode":9999,"errortext":"bad"}}');
    expect(
      serializeJson({
        responseName: 'listzonesresponse',
        body: { kind: 'error', errorCode: 401, errorText: 'unable to verify user credentials and/or request signature', uuidList: [] },
      }),
    ).toBe(
      '{"listzonesresponse":{"uuidList":[],"errorcode":401,"errortext":"unable to verify user credentials and/or request signature"}}',
    );
  });

  it('writes uuidList items as {uuid, description}', () => {
    expect(
      serializeJson({
        responseName: 'r',
        body: { kind: 'error', errorCode: 530, csErrorCode: 9999, errorText: 't', uuidList: [{ uuid: 'u1', description: 'vmId' }] },
      }),
    ).toBe('{"r":{"uuidList":[{"uuid":"u1","description":"vmId"}],"errorcode":530,"cserrorcode":9999,"errortext":"t"}}');
  });
});
