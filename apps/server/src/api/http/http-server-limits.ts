import { type Server } from 'node:http';
import { type Socket } from 'node:net';

import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

import { ApiErrorCode, CsErrorCode } from '../errors/api-error-codes';
import { type ApiSettings } from '../ports/api-settings';
import { API_SETTINGS } from '../ports/api-tokens';
import { JSON_CONTENT_TYPE, serializeResponse } from '../serialization/serialize-response';

/** Room for the request line's method and path and for the headers (cookies, user agent, …). */
export const HEADER_ROOM_BYTES = 16 * 1024;

/**
 * Sizes Node's HTTP server to the request limits. Node parses at most `maxHeaderSize` bytes of
 * request line and headers (16 KiB by default), so a GET whose query string is within
 * `maxRequestBytes` could never reach the API: the header limit becomes `maxRequestBytes` plus
 * {@link HEADER_ROOM_BYTES}, and the API's own limits answer.
 *
 * Beyond even that, Node refuses the request before any handler runs, with a bare 431 and no body.
 * This answers CloudStack's envelope instead (JSON under `errorresponse`: no parameter, `response`
 * included, was read), then closes the connection as Node would.
 */
@Injectable()
export class HttpServerLimits implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  onModuleInit(): void {
    // Node reads `maxHeaderSize` from the server for each new connection; its types leave it out.
    const server = this.adapterHost.httpAdapter?.getHttpServer() as (Server & { maxHeaderSize?: number }) | undefined;
    if (server === undefined || typeof server.on !== 'function') {
      return;
    }
    const maxHeaderBytes = this.settings.requestLimits.maxRequestBytes + HEADER_ROOM_BYTES;
    server.maxHeaderSize = maxHeaderBytes;
    server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
      answerClientError(error, socket, maxHeaderBytes);
    });
  }
}

/** Node's own answers to a request it could not parse, with CloudStack's envelope for headers too large. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket, maxHeaderBytes: number): void {
  if (socket.writable) {
    socket.write(clientErrorResponse(error.code, maxHeaderBytes));
  }
  socket.destroy(error);
}

function clientErrorResponse(code: string | undefined, maxHeaderBytes: number): string {
  if (code === 'HPE_HEADER_OVERFLOW') return headersTooLarge(maxHeaderBytes);
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n';
  return 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';
}

function headersTooLarge(maxHeaderBytes: number): string {
  const errorText = `Request line and headers are greater than the maximum allowed size of ${maxHeaderBytes} bytes`;
  const body = serializeResponse(
    {
      responseName: 'errorresponse',
      body: {
        kind: 'error',
        errorCode: ApiErrorCode.PARAM_ERROR,
        csErrorCode: CsErrorCode.INVALID_PARAMETER_VALUE_EXCEPTION,
        errorText,
        uuidList: [],
      },
    },
    'json',
  );
  return [
    'HTTP/1.1 431 Request Header Fields Too Large',
    `Content-Type: ${JSON_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body, 'utf8')}`,
    'X-Content-Type-Options: nosniff',
    `X-Description: ${errorText}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
