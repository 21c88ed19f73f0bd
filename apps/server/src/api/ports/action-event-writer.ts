import { type Caller } from '@csbr/framework/host';

/** An action event of a command that declares an `eventType`. */
export interface CommandActionEvent {
  /** e.g. `BACKUP.CREATE`. */
  readonly type: string;
  readonly description: string;
  readonly command: string;
  readonly caller: Caller;
  readonly jobId?: string;
  /** The resource the command acts on (`event.resource_type` / `resource_id`), when known. */
  readonly resource?: EventResource;
}

/** A resource named by an action event: its type (e.g. `VirtualMachine`) and internal id. */
export interface EventResource {
  readonly type: string;
  readonly id: string;
}

/**
 * Optional hook for CloudStack's action events around state-changing commands. The default does
 * nothing; the server may record `event` rows. A failing writer never fails the command.
 */
export interface ActionEventWriter {
  started(event: CommandActionEvent): Promise<void>;
  completed(event: CommandActionEvent): Promise<void>;
  failed(event: CommandActionEvent & { readonly errorText: string }): Promise<void>;
}

/** The default {@link ActionEventWriter}: records nothing. */
export class NoopActionEventWriter implements ActionEventWriter {
  started(): Promise<void> {
    return Promise.resolve();
  }

  completed(): Promise<void> {
    return Promise.resolve();
  }

  failed(): Promise<void> {
    return Promise.resolve();
  }
}
