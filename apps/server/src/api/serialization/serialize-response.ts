import { type ApiResponse, type ResponseFormat } from './api-response';
import { serializeJson } from './json-serializer';
import { serializeXml } from './xml-serializer';

/** CloudStack's content types (`json.content.type` default; exoscale/cs refuses anything else). */
export const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';
export const XML_CONTENT_TYPE = 'text/xml; charset=UTF-8';

export function serializeResponse(response: ApiResponse, format: ResponseFormat): string {
  return format === 'json' ? serializeJson(response) : serializeXml(response);
}

export function contentTypeOf(format: ResponseFormat): string {
  return format === 'json' ? JSON_CONTENT_TYPE : XML_CONTENT_TYPE;
}
