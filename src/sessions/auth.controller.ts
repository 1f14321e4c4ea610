import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RegisterDto } from '../accounts/account.dto.js';
import { ApiProblemResponses } from '../common/api-problem.js';
import { CurrentUser, Public, type Caller } from '../common/auth.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AuthResponseDto, ChangePasswordDto, LoginDto, SessionDto, toSessionDto } from './auth.dto.js';
import { AuthRateLimitGuard } from './auth-rate-limit.guard.js';
import { AuthService } from './auth.service.js';
import { LocalAuthGuard } from './local-auth.guard.js';
import { SESSION_COOKIE } from './request-credentials.js';
import { isUuid } from '../common/ids.js';
import { sessionError } from './session.errors.js';

@ApiTags('auth')
@Controller('api/auth')
@UseGuards(AuthRateLimitGuard)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('register')
  @Public()
  @ApiOperation({ summary: 'Create an account; signs in (token in the body and the sid cookie)' })
  @ApiCreatedResponse({ type: AuthResponseDto })
  @ApiProblemResponses(400, 409, 429)
  async register(
    @Body() body: RegisterDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponseDto> {
    const { user, token } = await this.auth.register(body, request.headers['user-agent']);
    this.setCookie(reply, token);
    return { user, token };
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  @ApiOperation({ summary: 'Sign in with email and password; every sign-in is a new session' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiProblemResponses(400, 401, 429)
  async login(
    @Req() request: FastifyRequest & { user: string },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthResponseDto> {
    const { user, token } = await this.auth.startSession(request.user, request.headers['user-agent']);
    this.setCookie(reply, token);
    return { user, token };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this session; its token stops working at once' })
  @ApiNoContentResponse()
  @ApiProblemResponses(401)
  async logout(@CurrentUser() caller: Caller, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(caller);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change my password; every other session is revoked' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 403)
  async changePassword(@CurrentUser() caller: Caller, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(caller, body);
  }

  @Get('sessions')
  @ApiOperation({ summary: 'My active sessions' })
  @ApiOkResponse({ type: [SessionDto] })
  @ApiProblemResponses(401)
  async sessions(@CurrentUser() caller: Caller): Promise<SessionDto[]> {
    return (await this.auth.listSessions(caller)).map((row) => toSessionDto(row, caller.sessionId));
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of my sessions' })
  @ApiNoContentResponse()
  @ApiProblemResponses(401, 404)
  async revoke(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<void> {
    if (!isUuid(id)) throw sessionError('session.not-found');
    await this.auth.revokeSession(caller, id);
  }

  private setCookie(reply: FastifyReply, token: string): void {
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.isCookieSecure,
      path: '/',
      maxAge: this.config.sessionAbsoluteDays * 24 * 60 * 60,
    });
  }
}
