import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { MeDto } from '../accounts/account.dto.js';
import { MAX_PASSWORD_LENGTH } from '../accounts/password-policy.js';
import type { SessionListRow } from './session.queries.js';

export class LoginDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PASSWORD_LENGTH * 4)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PASSWORD_LENGTH * 4)
  currentPassword: string;

  @ApiProperty({ minLength: 10, maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH * 4)
  newPassword: string;
}

export class AuthResponseDto {
  @ApiProperty({ type: MeDto }) user: MeDto;
  @ApiProperty({ description: 'Session token for `Authorization: Bearer`; also set as the `sid` cookie' })
  token: string;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt: string;
  @ApiProperty({ type: 'string', nullable: true }) userAgent: string | null;
  @ApiProperty() isCurrent: boolean;
}

export function toSessionDto(row: SessionListRow, currentSessionId: string): SessionDto {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    userAgent: row.userAgent,
    isCurrent: row.id === currentSessionId,
  };
}
