import { type ApiResponse, type ApiResponseBody } from './api-response';
import { toWireObject, type WireObject, type WireValue } from './wire-value';

/** The version CloudStack's XML root element carries; clients ignore it. */
export const CLOUDSTACK_VERSION = '4.14.0.0';

/**
 * CloudStack's XML (protocol doc §4): a declaration, then
 * `<{responseName} cloud-stack-version="…">` with no whitespace between elements. Scalars are
 * `<name>value</name>` with `" ' < > &` escaped; an object is `<name>…fields…</name>`; an array repeats
 * `<name>…</name>` per element.
 *
 * Deviation: CloudStack does not escape strings inside lists (a bug that can produce invalid XML);
 * this serializer always escapes.
 */
export function serializeXml(response: ApiResponse): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<${response.responseName} cloud-stack-version="${CLOUDSTACK_VERSION}">` +
    xmlBody(response.body) +
    `</${response.responseName}>`
  );
}

function xmlBody(body: ApiResponseBody): string {
  switch (body.kind) {
    case 'list':
      return (
        (body.count === 0 ? '' : element('count', body.count)) +
        body.items.map((item) => element(body.objectName, toWireObject(item))).join('')
      );
    case 'object':
      return element(body.objectName, toWireObject(body.item));
    case 'flat':
      return fields(toWireObject(body.fields));
    case 'success':
      return fields(toWireObject({ success: true, displaytext: body.displayText }));
    case 'error':
      return (
        body.uuidList
          .map(
            (ref) =>
              `<uuidList>${element('uuid', ref.uuid)}` +
              `${ref.description === undefined ? '' : element('uuidProperty', ref.description)}</uuidList>`,
          )
          .join('') +
        fields(toWireObject({ errorcode: body.errorCode, cserrorcode: body.csErrorCode, errortext: body.errorText }))
      );
  }
}

function fields(object: WireObject): string {
  return Object.entries(object)
    .map(([name, value]) => element(name, value))
    .join('');
}

function element(name: string, value: WireValue): string {
  if (Array.isArray(value)) {
    return (value as readonly WireValue[]).map((item) => element(name, item)).join('');
  }
  if (typeof value === 'object') {
    return `<${name}>${fields(value as WireObject)}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function escapeXml(text: string): string {
  return text.replace(/["'<>&]/g, (character) => XML_ENTITIES[character] ?? character);
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '"': '&quot;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
};
