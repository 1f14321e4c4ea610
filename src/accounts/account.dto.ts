import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import type { Role } from '../common/auth.js';
import type { AccountRow } from './account.queries.js';
import { MAX_PASSWORD_LENGTH } from './password-policy.js';
import { isCalendarDate, isTimeZone } from './user-settings.js';

function Satisfies(check: (value: string) => boolean, message: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && check(value) },
    });
}

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.com' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: MAX_PASSWORD_LENGTH, description: 'Not one of the most common passwords' })
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH * 4)
  password: string;

  @ApiProperty({ example: 'Ada' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ example: 'Europe/Amsterdam', description: 'IANA time zone' })
  @IsOptional()
  @Satisfies(isTimeZone, 'timezone must be an IANA time zone such as Europe/Amsterdam')
  timezone?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 23, description: 'Hour at which a new study day begins' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  dayStartsAtHour?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 500 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(500)
  dailyNewLimit?: number;

  @ApiPropertyOptional({ minimum: 0.7, maximum: 0.99 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.7)
  @Max(0.99)
  desiredRetention?: number;

  @ApiPropertyOptional({ type: 'string', format: 'date', nullable: true, example: '2026-12-15' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Satisfies(isCalendarDate, 'interviewDate must be a date as YYYY-MM-DD, or null')
  interviewDate?: string | null;
}

export class PasswordConfirmationDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PASSWORD_LENGTH * 4)
  password: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['user', 'admin'] }) role: Role;
  @ApiProperty() timezone: string;
  @ApiProperty() dayStartsAtHour: number;
  @ApiProperty() dailyNewLimit: number;
  @ApiProperty() desiredRetention: number;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) interviewDate: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export function toMeDto(row: AccountRow): MeDto {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    timezone: row.timezone,
    dayStartsAtHour: row.dayStartsAtHour,
    dailyNewLimit: row.dailyNewLimit,
    desiredRetention: Number(row.desiredRetention),
    interviewDate: row.interviewDate,
    createdAt: row.createdAt.toISOString(),
  };
}
