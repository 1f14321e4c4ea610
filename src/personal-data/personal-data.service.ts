import { Injectable } from '@nestjs/common';
import { AccountService } from '../accounts/account.service.js';
import { PracticeService } from '../practice/practice.service.js';
import { AuthService } from '../sessions/auth.service.js';
import type { PersonalDataExportDto } from './personal-data.dto.js';

/** Gathers a user's data from every feature that holds some; each new feature adds its part here. */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly accounts: AccountService,
    private readonly auth: AuthService,
    private readonly practice: PracticeService,
  ) {}

  async export(userId: string): Promise<PersonalDataExportDto> {
    const [account, sessions, practice] = await Promise.all([
      this.accounts.get(userId),
      this.auth.exportSessions(userId),
      this.practice.exportFor(userId),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      account,
      sessions: sessions.map((s) => ({
        id: s.id,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        revokedAt: s.revokedAt ? s.revokedAt.toISOString() : null,
        userAgent: s.userAgent,
      })),
      practice,
    };
  }
}
