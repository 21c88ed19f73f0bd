export { type ApiResponse, type ApiResponseBody, type ResponseFormat } from './api-response';
export { formatCloudStackDate } from './format-cloudstack-date';
export { jsonBody, serializeJson } from './json-serializer';
export { JSON_CONTENT_TYPE, XML_CONTENT_TYPE, contentTypeOf, serializeResponse } from './serialize-response';
export { CLOUDSTACK_VERSION, serializeXml } from './xml-serializer';
export { toWireObject, toWireValue, type WireObject, type WireScalar, type WireValue } from './wire-value';
