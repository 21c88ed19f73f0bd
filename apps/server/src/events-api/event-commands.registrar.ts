import { Injectable, type OnModuleInit } from '@nestjs/common';

import { CommandRegistry } from '../api/command-registry';
import { AccountScopeResolver } from '../api/scope/account-scope-resolver';
import { eventCommands } from './event-commands';
import { EventsService } from './events.service';

/** Registers `listEvents` with the API layer. */
@Injectable()
export class EventCommandsRegistrar implements OnModuleInit {
  constructor(
    private readonly commands: CommandRegistry,
    private readonly scopes: AccountScopeResolver,
    private readonly events: EventsService,
  ) {}

  onModuleInit(): void {
    this.commands.register(...eventCommands(this.events, this.scopes));
  }
}
