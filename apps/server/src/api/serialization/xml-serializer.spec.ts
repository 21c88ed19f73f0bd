import { serializeXml } from './xml-serializer';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

describe('serializeXml', () => {
  it('writes a list with count and one element per item', () => {
    expect(
      serializeXml({
        responseName: 'listzonesresponse',
        body: { kind: 'list', objectName: 'zone', items: [{ id: 'z1' }, { id: 'z2' }], count: 2 },
      }),
    ).toBe(
      `${DECLARATION}<listzonesresponse cloud-stack-version="4.14.0.0"><count>2</count>` +
        '<zone><id>z1</id></zone><zone><id>z2</id></zone></listzonesresponse>',
    );
  });

  it('writes an empty list as an empty root element', () => {
    expect(
      serializeXml({ responseName: 'listbackupsresponse', body: { kind: 'list', objectName: 'backup', items: [], count: 0 } }),
    ).toBe(`${DECLARATION}<listbackupsresponse cloud-stack-version="4.14.0.0"></listbackupsresponse>`);
  });

  it('escapes " \' < > & and repeats array elements, nesting objects', () => {
    const item = { name: `a"b'c<d>e&f`, volumes: [{ uuid: 'v1' }, { uuid: 'v2' }], ids: ['x<', 'y'], created: new Date(0), gone: null };
    expect(serializeXml({ responseName: 'r', body: { kind: 'object', objectName: 'backup', item } })).toBe(
      `${DECLARATION}<r cloud-stack-version="4.14.0.0"><backup><name>a&quot;b&apos;c&lt;d&gt;e&amp;f</name>` +
        '<volumes><uuid>v1</uuid></volumes><volumes><uuid>v2</uuid></volumes><ids>x&lt;</ids><ids>y</ids>' +
        '<created>1970-01-01T00:00:00+0000</created></backup></r>',
    );
  });

  it('writes flat, success and error fields directly under the root', () => {
    expect(serializeXml({ responseName: 'r', body: { kind: 'flat', fields: { jobid: 'j1' } } })).toBe(
      `${DECLARATION}<r cloud-stack-version="4.14.0.0"><jobid>j1</jobid></r>`,
    );
    expect(serializeXml({ responseName: 'r', body: { kind: 'success' } })).toBe(
      `${DECLARATION}<r cloud-stack-version="4.14.0.0"><success>true</success></r>`,
    );
    expect(
      serializeXml({
        responseName: 'listzonesresponse',
        body: { kind: 'error', errorCode: 431, csErrorCode: 9999, errorText: 'a < b', uuidList: [] },
      }),
    ).toBe(
      `${DECLARATION}<listzonesresponse cloud-stack-version="4.14.0.0"><errorcode>431</errorcode>` +
        '<cserrorcode>9999</cserrorcode><errortext>a &lt; b</errortext></listzonesresponse>',
    );
  });

  it('writes a job result as a nested element', () => {
    expect(
      serializeXml({
        responseName: 'queryasyncjobresultresponse',
        body: { kind: 'flat', fields: { jobstatus: 1, jobresult: { success: true } } },
      }),
    ).toBe(
      `${DECLARATION}<queryasyncjobresultresponse cloud-stack-version="4.14.0.0"><jobstatus>1</jobstatus>` +
        '<jobresult><success>true</success></jobresult></queryasyncjobresultresponse>',
    );
  });
});
