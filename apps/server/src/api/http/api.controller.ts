import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { ApiEndpoint } from './api-endpoint';

/**
 * `/client/api` and everything under it (the servlet is mapped to `/api/*`), GET and POST, through
 * Nest's router. The {@link ApiFastRoute} answers `/client/api` itself before Express sees it when
 * the app has an HTTP server; this serves what it leaves to Express (paths under `/client/api/`,
 * `HEAD`, other spellings Express's case-insensitive routing accepts) and apps without one.
 */
@Controller('client/api')
export class ApiController {
  constructor(private readonly endpoint: ApiEndpoint) {}

  @Get()
  get(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.endpoint.serve(request, response);
  }

  @Get('*path')
  getUnder(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.endpoint.serve(request, response);
  }

  @Post()
  post(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.endpoint.serve(request, response);
  }

  @Post('*path')
  postUnder(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.endpoint.serve(request, response);
  }
}
