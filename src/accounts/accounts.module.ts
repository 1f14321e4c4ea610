import { Module } from '@nestjs/common';
import { AccountRepository } from './account.repository.js';
import { AccountService } from './account.service.js';
import { MeController } from './me.controller.js';

@Module({
  controllers: [MeController],
  providers: [AccountRepository, AccountService],
  exports: [AccountService],
})
export class AccountsModule {}
