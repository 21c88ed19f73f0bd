import { Injectable, type OnModuleInit } from '@nestjs/common';

import { CommandRegistry } from '../api/command-registry';
import { ConfigurationService } from '../configuration/configuration.service';
import { configurationCommands } from './configuration-commands';

/** Registers `listConfigurations` and `updateConfiguration` with the API layer. */
@Injectable()
export class ConfigurationCommandsRegistrar implements OnModuleInit {
  constructor(
    private readonly commands: CommandRegistry,
    private readonly configuration: ConfigurationService,
  ) {}

  onModuleInit(): void {
    this.commands.register(...configurationCommands(this.configuration));
  }
}
