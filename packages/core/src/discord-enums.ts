import type {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ComponentType,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from "discord-api-types/v10";

// The Discord enum values code on the ingress path needs at run time. Importing them from
// discord-api-types costs 40–100 KB of ingress bundle (its enums are one CommonJS module);
// each value here is typed as the library's enum member, so the compiler rejects any drift.

export const Interaction: {
  readonly Ping: InteractionType.Ping;
  readonly ApplicationCommand: InteractionType.ApplicationCommand;
  readonly MessageComponent: InteractionType.MessageComponent;
  readonly Autocomplete: InteractionType.ApplicationCommandAutocomplete;
  readonly ModalSubmit: InteractionType.ModalSubmit;
} = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 };

export const Response: {
  readonly Pong: InteractionResponseType.Pong;
  readonly Message: InteractionResponseType.ChannelMessageWithSource;
  readonly DeferredMessage: InteractionResponseType.DeferredChannelMessageWithSource;
  readonly DeferredUpdate: InteractionResponseType.DeferredMessageUpdate;
  readonly UpdateMessage: InteractionResponseType.UpdateMessage;
  readonly AutocompleteResult: InteractionResponseType.ApplicationCommandAutocompleteResult;
  readonly Modal: InteractionResponseType.Modal;
} = {
  Pong: 1,
  Message: 4,
  DeferredMessage: 5,
  DeferredUpdate: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
};

export const Flags: { readonly Ephemeral: MessageFlags.Ephemeral } = { Ephemeral: 64 };

export const CommandType: {
  readonly ChatInput: ApplicationCommandType.ChatInput;
  readonly User: ApplicationCommandType.User;
  readonly Message: ApplicationCommandType.Message;
  readonly PrimaryEntryPoint: ApplicationCommandType.PrimaryEntryPoint;
} = { ChatInput: 1, User: 2, Message: 3, PrimaryEntryPoint: 4 };

export const OptionType: {
  readonly Subcommand: ApplicationCommandOptionType.Subcommand;
  readonly SubcommandGroup: ApplicationCommandOptionType.SubcommandGroup;
  readonly String: ApplicationCommandOptionType.String;
  readonly Integer: ApplicationCommandOptionType.Integer;
  readonly Boolean: ApplicationCommandOptionType.Boolean;
  readonly User: ApplicationCommandOptionType.User;
  readonly Channel: ApplicationCommandOptionType.Channel;
  readonly Role: ApplicationCommandOptionType.Role;
  readonly Mentionable: ApplicationCommandOptionType.Mentionable;
  readonly Number: ApplicationCommandOptionType.Number;
  readonly Attachment: ApplicationCommandOptionType.Attachment;
} = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
};

export const Component: {
  readonly ActionRow: ComponentType.ActionRow;
  readonly Button: ComponentType.Button;
  readonly StringSelect: ComponentType.StringSelect;
  readonly TextInput: ComponentType.TextInput;
} = { ActionRow: 1, Button: 2, StringSelect: 3, TextInput: 4 };

export const Button: {
  readonly Primary: ButtonStyle.Primary;
  readonly Secondary: ButtonStyle.Secondary;
  readonly Success: ButtonStyle.Success;
  readonly Danger: ButtonStyle.Danger;
  readonly Link: ButtonStyle.Link;
} = { Primary: 1, Secondary: 2, Success: 3, Danger: 4, Link: 5 };

export const Context: { readonly Guild: InteractionContextType.Guild } = { Guild: 0 };

export const Install: { readonly Guild: ApplicationIntegrationType.GuildInstall } = { Guild: 0 };
